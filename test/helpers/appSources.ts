/** Source files of a correct Clerk app that several tests build their folders from. */

/** `app/layout.tsx` rendering `<ClerkProvider>` around `<html>` (Clerk 6 and 7 both accept it). */
export const clerkRootLayout = [
  "import { ClerkProvider } from '@clerk/nextjs';",
  '',
  'export default function RootLayout({ children }: { children: React.ReactNode }) {',
  '  return (',
  '    <ClerkProvider>',
  '      <html lang="en">',
  '        <body>{children}</body>',
  '      </html>',
  '    </ClerkProvider>',
  '  );',
  '}',
  '',
].join('\n');

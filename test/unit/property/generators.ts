import fc from 'fast-check';

/** Text pieces that matter to the readers: quotes, escapes, comment marks, references, line ends. */
const tricky = fc.constantFrom('"', "'", '`', '\\', '\\n', '#', '$', '${', '}', '=', ':', ' ', '\t', '\r', '\n', 'export ', '\u2028', '\uFEFF', '😀');

/** A short string mixing ordinary characters with the tricky pieces. */
export const trickyString = fc.array(fc.oneof(fc.string({ maxLength: 4 }), tricky), { maxLength: 8 }).map((parts) => parts.join(''));

const envKey = fc.oneof(
  fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/),
  fc.constantFrom('CLERK_SECRET_KEY', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'a.b-c', 'export'),
);
const quoted = fc.tuple(fc.constantFrom('"', "'", '`'), trickyString).map(([quote, body]) => `${quote}${body}${quote}`);
const envValue = fc.oneof(trickyString, quoted, fc.constantFrom('${A}', '$B', '${C:-default}', 'sk_test_aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY'));

/** One line of an env file: an assignment in any of dotenv's forms, a comment, or noise. */
export const envLine = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom('', 'export ', '  '), envKey, fc.constantFrom('=', ' = ', ': ', ':'), envValue, fc.constantFrom('', ' # note', '  '))
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: trickyString.map((text) => `# ${text}`) },
  { weight: 1, arbitrary: trickyString },
);

/** A whole env file: lines joined with LF or CRLF, or any string at all. */
export const envText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(envLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** A JavaScript expression built from the shapes config files use, nested a little. */
export const expression: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      "'https://clerk.example.com'",
      'process.env.CLERK_FRONTEND_API_URL!',
      'process.env.CLERK_JWT_ISSUER_DOMAIN',
      "'convex'",
      'undefined',
      '42',
      'issuer',
      '`tpl`',
    ),
    trickyString.map((text) => JSON.stringify(text)),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(
        fc.tuple(
          fc.constantFrom('domain', 'applicationID', 'issuer', 'type', 'jwks', 'providers', 'source', 'has', 'matcher', '"quoted"', '...spread'),
          tie('value'),
        ),
        {
          maxLength: 4,
        },
      )
      .map((entries) => `{ ${entries.map(([key, value]) => (key.startsWith('...') ? `...${value}` : `${key}: ${value}`)).join(', ')} }`),
    tie('value').map((value) => `(${value} as const)`),
    tie('value').map((value) => `${value} satisfies unknown`),
  ),
})).value;

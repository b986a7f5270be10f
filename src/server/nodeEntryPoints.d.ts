// tsconfig resolves modules the classic Node way (`moduleResolution: node`), which ignores the
// `exports` maps through which vscode-languageserver 11 and its dependencies publish their Node
// entry points; esbuild follows `exports`. These declarations point the type checker at the same files.
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}

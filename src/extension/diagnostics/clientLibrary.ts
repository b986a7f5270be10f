// Entry of dist/languageClient.js: vscode-languageclient weighs several times the rest of the
// adapter, so it is bundled on its own and required when the language server first starts
// (see lazyModules.ts); activation loads only the small main bundle.
export { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, State, TransportKind } from 'vscode-languageclient/node';

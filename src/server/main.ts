// Entry of dist/server.js, the language server the VS Code extension starts (`--node-ipc` or
// `--stdio`: vscode-languageserver picks the transport from the command line).
import { prestartAnalysisWorker } from './analysisWorkerHost';
import { limitHeapGrowth } from './heapGrowth';
import { startServer } from './server';

limitHeapGrowth();
prestartAnalysisWorker();
startServer();

// vitest setup file: see keep-written-files.ts (active only under `npm test`).
import { keepWrittenFilesIfAsked } from './keep-written-files.js';

keepWrittenFilesIfAsked();

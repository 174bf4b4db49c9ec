import type { Locale } from '../../../shared/contract/schemas.js';
import { messagesEn } from './messages-en.js';
import { messagesFr } from './messages-fr.js';

export const MESSAGES: Record<Locale, Record<string, string>> = { en: messagesEn, fr: messagesFr };
export type { MessageKey } from './messages-en.js';

import { z } from 'zod';
import { NICKNAME_MAX } from './definition.ts';

// Nicknames appear in messages: no line breaks, and no mention syntax that could ping.
export const nicknameOption = z
  .string()
  .trim()
  .min(1)
  .max(NICKNAME_MAX)
  .refine((value) => !/[\n\r<>@]/.test(value), 'a nickname cannot contain line breaks, <, > or @');

import { TextDecoder } from 'node:util';
import { InputError } from './errors.js';

/** Decodes bytes of one encoding to text. */
export interface TextDecode {
  readonly encoding: string;
  decode(b: Uint8Array): string;
}

/** Windows-1252 0x80-0x9F (WHATWG; the five unassigned bytes stay C1 controls). */
export const CP1252_HIGH = '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/**
 * A decoder for an encoding label (WHATWG names: `utf-8`, `windows-1252`, `iso-8859-2`, ...). Windows-1252 (also
 * what the labels latin1 and iso-8859-1 mean) is decoded here: Node 20's TextDecoder decodes it as ISO-8859-1, which
 * turns the euro sign and the other characters at 0x80-0x9F into control characters.
 */
export function textDecoder(encoding: string): TextDecode {
  let d: TextDecoder;
  try {
    d = new TextDecoder(encoding);
  } catch {
    throw new InputError(`unknown text encoding "${encoding}"`);
  }
  if (d.encoding !== 'windows-1252') return d;
  return {
    encoding: 'windows-1252',
    decode(b: Uint8Array): string {
      const s = Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
      return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : s;
    },
  };
}

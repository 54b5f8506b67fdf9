/** States of the statement lexer (statement-lexer.ts), shared with its fast body loop (body-skip.ts). */
export const L_START = 0;
export const L_BODY = 1;
export const L_STR = 2; // inside '...' or "..." (quote in s.quote)
export const L_STR_BS = 3; // a backslash ended the previous chunk
export const L_STR_END = 4; // just after a closing quote: a second one makes it a doubled quote
export const L_BT = 5;
export const L_BT_END = 6;
export const L_LINE_COMMENT = 7;
export const L_BLOCK_COMMENT = 8;
export const L_DELIMITER = 9; // reading a DELIMITER command line

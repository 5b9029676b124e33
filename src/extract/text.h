/* A document's text, ready for extraction: valid UTF-8, no BOM, LF line
 * ends, NFC.  Every later stage (sentences, dates, mentions) works on byte
 * offsets into this text; provenance records spans in Unicode code points,
 * so the text also maps byte offsets to code-point offsets cheaply.
 *
 * Ownership: vitae_text_from_bytes() and vitae_text_read_file() hand a new
 * vitae_text to the caller, who frees it with vitae_text_free().  Pointers
 * returned by the accessors are borrowed and live as long as the text. */
#ifndef VITAE_EXTRACT_TEXT_H
#define VITAE_EXTRACT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/status.h"

typedef struct vitae_text vitae_text;

/* Builds a text from len bytes (bytes may hold anything; it is copied).
 * name is used in error messages and kept (vitae_text_name); NULL = "<input>".
 * Steps, in order:
 *  1. refuse binary input: any NUL byte, or more than one control character
 *     per 20 bytes (C0 other than TAB/LF/VT/FF/CR, DEL, C1) -> VITAE_ERR_INPUT
 *     "looks like a binary file";
 *  2. strip a leading UTF-8 BOM; an input empty after that -> VITAE_ERR_INPUT;
 *  3. validate UTF-8 (RFC 3629: overlong forms, surrogates, code points above
 *     U+10FFFF, truncated sequences, stray continuation bytes are invalid).
 *     Strict: fail with VITAE_ERR_SYNTAX naming the byte offset (0-based, in
 *     the bytes as given, BOM included) and line of the first bad byte.
 *     lenient: replace each maximal ill-formed subpart (Unicode 3.9, U+FFFD
 *     substitution of maximal subparts) by U+FFFD and count it;
 *  4. CRLF and lone CR become LF;
 *  5. normalise to NFC (libutf8proc, which only ever sees valid UTF-8).
 * On failure *out is NULL and err says why. */
vitae_status vitae_text_from_bytes(const char *bytes, size_t len, int lenient,
                                   const char *name, vitae_text **out, vitae_error *err);

/* Files larger than this are refused (VITAE_ERR_INPUT "file too large"), so
 * that /dev/zero or an endless pipe cannot exhaust memory. */
#define VITAE_TEXT_MAX_BYTES ((size_t)1 << 30)

/* Reads a whole file ("-" = standard input) and calls vitae_text_from_bytes.
 * Errors name the file: "vitae: FILE: No such file or directory",
 * "vitae: FILE: is a directory".  Peak memory is about three times the file
 * size (raw bytes + cleaned copy + NFC copy of the non-ASCII runs). */
vitae_status vitae_text_read_file(const char *path, int lenient, vitae_text **out,
                                  vitae_error *err);

/* The NFC text, NUL-terminated (and free of other NULs). */
const char *vitae_text_data(const vitae_text *text);
/* Its length in bytes, without the final NUL. */
size_t vitae_text_size(const vitae_text *text);
/* The name given at creation ("<stdin>" for "-"). */
const char *vitae_text_name(const vitae_text *text);
/* How many ill-formed sequences lenient mode replaced by U+FFFD (0 when
 * strict), so the caller can warn. */
size_t vitae_text_replacements(const vitae_text *text);
/* The number of code points in data[0, byte_offset), in O(1) (a checkpoint
 * every 64 bytes, then at most 63 bytes counted).  An offset past the end
 * counts the whole text; an offset inside a multi-byte character counts
 * that character (so it names the next code point). */
size_t vitae_text_codepoint_offset(const vitae_text *text, size_t byte_offset);
/* Frees the text; NULL is a no-op. */
void vitae_text_free(vitae_text *text);

/* --- UTF-8 helpers shared by the extract modules (tsv, sentence, date) --- */

/* Checks that s[0, len) is valid UTF-8.  Returns 1 if so; otherwise 0, with
 * *bad_offset (may be NULL) set to the first bad byte and *why (may be NULL)
 * to a static English reason ("overlong encoding", ...). */
int vitae_text_utf8_valid(const char *s, size_t len, size_t *bad_offset, const char **why);

/* Decodes one code point from s[0, len) (len > 0).  Returns the number of
 * bytes it uses (always >= 1, so scanners make progress) and sets *cp to the
 * code point, or to -1 for an ill-formed sequence.  Safe on any bytes. */
size_t vitae_text_decode(const char *s, size_t len, int32_t *cp);

/* Reads a whole file (at most VITAE_TEXT_MAX_BYTES) into a NUL-terminated
 * malloc'd buffer (caller frees); "-" = standard input.  Shared with the TSV
 * loader. */
vitae_status vitae_text__slurp(const char *path, char **out, size_t *len, vitae_error *err);

#endif

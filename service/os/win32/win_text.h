/* win_text.h: text at the Win32 boundary. The portable core speaks UTF-8; Windows APIs speak
 * UTF-16. These convert between the two and describe Win32 and Winsock error codes in
 * English UTF-8 text for log lines and error messages. */
#ifndef PXB_WIN_TEXT_H
#define PXB_WIN_TEXT_H

#include <stddef.h>
#include <wchar.h>

/* Converts NUL-terminated UTF-8 to a malloc'd UTF-16 string (free with free()). Invalid
 * sequences (say, from a client's file name in a log line) become U+FFFD. NULL only when
 * memory runs out. */
wchar_t *pxb_wide_from_utf8(const char *utf8);

/* Converts len UTF-16 units (or up to the NUL when len is (size_t)-1) to a malloc'd UTF-8
 * string. NULL if the text has unpaired surrogates or memory runs out. */
char *pxb_utf8_from_wide(const wchar_t *wide, size_t len);

/* Writes "message (error N)" for a GetLastError/WSAGetLastError code to out. */
void pxb_describe_error(unsigned long code, char *out, size_t out_len);

#endif

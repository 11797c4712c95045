/* win_text.c: UTF-8 <-> UTF-16 conversion and Win32 error descriptions (see win_text.h). */
#include "win_text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

wchar_t *pxb_wide_from_utf8(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    if (n <= 0)
        return NULL;
    wchar_t *wide = malloc((size_t)n * sizeof *wide);
    if (wide == NULL)
        return NULL;
    if (MultiByteToWideChar(CP_UTF8, 0, utf8, -1, wide, n) != n) {
        free(wide);
        return NULL;
    }
    return wide;
}

char *pxb_utf8_from_wide(const wchar_t *wide, size_t len)
{
    int in_len = len == (size_t)-1 ? -1 : (int)len;
    if (len != (size_t)-1 && len > INT_MAX / 4)
        return NULL;
    if (in_len == 0)
        return calloc(1, 1);
    int n = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, wide, in_len, NULL, 0, NULL,
                                NULL);
    if (n <= 0)
        return NULL;
    /* With an explicit length the result carries no NUL of its own: add room for one. */
    char *utf8 = malloc((size_t)n + 1);
    if (utf8 == NULL)
        return NULL;
    if (WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, wide, in_len, utf8, n, NULL,
                            NULL) != n) {
        free(utf8);
        return NULL;
    }
    utf8[n] = '\0';
    return utf8;
}

/* Drops the line break and full stop FormatMessage ends its messages with. */
static void trim_message(wchar_t *text)
{
    size_t len = wcslen(text);
    while (len > 0 && (text[len - 1] == L'\r' || text[len - 1] == L'\n' ||
                       text[len - 1] == L' ' || text[len - 1] == L'.'))
        text[--len] = L'\0';
}

void pxb_describe_error(unsigned long code, char *out, size_t out_len)
{
    wchar_t text[256];
    DWORD flags = FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS;
    DWORD n = FormatMessageW(flags, NULL, (DWORD)code, MAKELANGID(LANG_ENGLISH, SUBLANG_DEFAULT),
                             text, sizeof text / sizeof text[0], NULL);
    if (n == 0)
        n = FormatMessageW(flags, NULL, (DWORD)code, 0, text, sizeof text / sizeof text[0],
                           NULL);
    char *utf8 = NULL;
    if (n > 0) {
        trim_message(text);
        utf8 = pxb_utf8_from_wide(text, (size_t)-1);
    }
    if (utf8 != NULL && utf8[0] != '\0')
        snprintf(out, out_len, "%s (error %lu)", utf8, code);
    else
        snprintf(out, out_len, "error %lu", code);
    free(utf8);
}

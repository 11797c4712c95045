/* console.c: UTF-8 output to a console or a redirected stream, and the error lines (see
 * console.h). */
#include "console.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "win_text.h"

static HANDLE handle_of(enum cli_stream stream)
{
    return GetStdHandle(stream == CLI_STDOUT ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE);
}

/* A console takes UTF-16; anything else (a file, a pipe) gets the UTF-8 bytes. */
void cli_write(enum cli_stream stream, const char *utf8, size_t len)
{
    HANDLE h = handle_of(stream);
    DWORD mode, done;
    if (h == NULL || h == INVALID_HANDLE_VALUE || len == 0)
        return;
    if (GetConsoleMode(h, &mode)) {
        char *piece = malloc(len + 1);
        wchar_t *wide = NULL;
        if (piece != NULL) {
            memcpy(piece, utf8, len);
            piece[len] = '\0';
            wide = pxb_wide_from_utf8(piece);
        }
        if (wide != NULL)
            WriteConsoleW(h, wide, (DWORD)wcslen(wide), &done, NULL);
        free(wide);
        free(piece);
        return;
    }
    while (len > 0) {
        DWORD chunk = len > 0x40000000u ? 0x40000000u : (DWORD)len;
        if (!WriteFile(h, utf8, chunk, &done, NULL) || done == 0)
            return;
        utf8 += done;
        len -= done;
    }
}

static void write_formatted(enum cli_stream stream, const char *prefix, const char *fmt,
                            va_list ap, const char *suffix)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text != NULL) {
        vsnprintf(text, (size_t)n + 1, fmt, again);
        cli_write(stream, prefix, strlen(prefix));
        cli_write(stream, text, (size_t)n);
        cli_write(stream, suffix, strlen(suffix));
    }
    va_end(again);
    free(text);
}

void cli_printf(enum cli_stream stream, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    write_formatted(stream, "", fmt, ap, "");
    va_end(ap);
}

int cli_put_json(pxb_json *j)
{
    const char *text = pxb_json_text(j);
    int rc = CLI_OK;
    if (text != NULL)
        cli_printf(CLI_STDOUT, "%s\n", text);
    else
        rc = cli_fail("out of memory writing the JSON output");
    pxb_json_free(j);
    return rc;
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    write_formatted(CLI_STDERR, "error: ", fmt, ap, "\n");
    va_end(ap);
    return CLI_FAILED;
}

/* The message, then where to read more: after a question ("did you mean ...?") as a new
 * sentence, else after a semicolon. */
static int bad_usage(const char *words, const char *fmt, va_list ap)
{
    char message[1024];
    vsnprintf(message, sizeof message, fmt, ap);
    size_t len = strlen(message);
    cli_printf(CLI_STDERR, "error: %s%s see '" CLI_PROGRAM "%s%s --help'\n", message,
               len > 0 && message[len - 1] == '?' ? "" : ";", words[0] ? " " : "", words);
    return CLI_USAGE;
}

int cli_bad_usage(const cli_command *cmd, const char *fmt, ...)
{
    char words[64];
    va_list ap;
    cli_command_name(cmd, words, sizeof words);
    va_start(ap, fmt);
    int rc = bad_usage(words, fmt, ap);
    va_end(ap);
    return rc;
}

int cli_bad_usage_of(const char *words, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bad_usage(words, fmt, ap);
    va_end(ap);
    return rc;
}

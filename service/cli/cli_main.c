/* cli_main.c: pxebridge.exe's entry point. Takes the command line as UTF-16 (wmain), turns
 * every argument into UTF-8, the program's one text encoding, and hands it to the
 * dispatcher; the exit code is the command's. Warnings the shared code logs (a registry
 * value that is no setting, say) are shown on stderr. */
#include <stdlib.h>
#include <wchar.h>

#include "cli.h"
#include "console.h"
#include "dispatch.h"
#include "log.h"
#include "win_text.h"

/* A pxb_log sink: warnings and errors to stderr. */
static void show_logged(void *ctx, int level, int event_id, const char *message)
{
    cli_printf(CLI_STDERR, "%s: %s\n", level == PXB_LOG_ERROR ? "error" : "warning", message);
}

int wmain(int argc, wchar_t **wargv);

int wmain(int argc, wchar_t **wargv)
{
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    int rc = CLI_FAILED;
    int converted = argv != NULL;
    pxb_log_set_level(PXB_LOG_WARN);
    pxb_log_add_sink(show_logged, NULL);
    for (int i = 0; converted && i < argc; i++) {
        argv[i] = pxb_utf8_from_wide(wargv[i], (size_t)-1);
        converted = argv[i] != NULL;
    }
    if (converted)
        rc = cli_dispatch(argc, argv);
    else
        cli_fail("the command line holds text that is not valid UTF-16 (or memory ran out)");
    for (int i = 0; argv != NULL && i < argc; i++)
        free(argv[i]);
    free(argv);
    return rc;
}

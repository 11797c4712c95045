/* winpe_source.h: what `winpe add` takes from its SOURCE before it copies anything: the
 * WIM (a boot.wim given as it is, or media\sources\boot.wim of a folder as the ADK's copype
 * makes it), checked by wim_info.h down to the image wimboot is to boot; the boot files the
 * folder holds (media\bootmgr, media\Boot\BCD, media\Boot\boot.sdi: any that are missing
 * wimboot takes from the WIM itself, since 2.7.1); and the files to inject. Each under the
 * flat name it gets in winpe\NAME\. */
#ifndef PXB_CLI_WINPE_SOURCE_H
#define PXB_CLI_WINPE_SOURCE_H

#include <stddef.h>

#include "cli.h"
#include "wim_info.h"
#include "winpe_catalog.h"

#define CLI_WINPE_FROM_MAX 4096

/* One file to copy: where from, under which flat name. */
typedef struct cli_winpe_part {
    char name[PXB_WINPE_FILE_NAME_MAX];
    char from[CLI_WINPE_FROM_MAX];
    int injected;
} cli_winpe_part;

/* What `winpe add` asks for. */
typedef struct cli_winpe_request {
    const char *source;
    const char *inject[PXB_WINPE_FILES_MAX];
    size_t inject_count;
    unsigned index; /* 0: the WIM's boot index */
    int arch;       /* a PXB_WIM_ARCH_* value, PXB_WIM_ARCH_NONE when not given */
} cli_winpe_request;

typedef struct cli_winpe_source {
    cli_winpe_part parts[PXB_WINPE_FILES_MAX]; /* boot.wim first, then the boot files, then
                                                  the injected ones */
    size_t count;
    pxb_wim_image image; /* the image to boot, its architecture known */
} cli_winpe_source;

/* Reads and checks what req names into out. Returns CLI_OK, CLI_USAGE (a SOURCE or FILE
 * that is not there, an injected name twice or taken by a boot file) or CLI_FAILED (the
 * WIM refused: what is wrong and what to do), the message printed. */
int cli_winpe_source_read(const cli_command *cmd, const cli_winpe_request *req,
                          cli_winpe_source *out);

#endif

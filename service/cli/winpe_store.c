/* winpe_store.c: the WinPE catalog in the TFTP root read and written (see winpe_store.h). */
#include "winpe_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "console.h"
#include "firmware_settings.h"
#include "image_paths.h"
#include "image_write.h"
#include "whole_file.h"

#define CATALOG_MAX ((size_t)256 << 10)

int cli_winpe_load(cli_winpe_store *st)
{
    pxb_error err;
    if (cli_stored_tftp_root(st->root, sizeof st->root, &err) != 0)
        return cli_fail("the settings cannot be read, so neither can TftpRoot: %s; see '"
                        CLI_PROGRAM " config show' (run as an administrator?)", err.text);
    cli_join_path(st->root, PXB_WINPE_CATALOG, st->path, sizeof st->path);
    pxb_error_clear(&err);
    char *text = pxb_file_read_text(st->path, CATALOG_MAX, &err);
    if (text == NULL && err.code == ENOENT) {
        st->cat.count = 0;
        return CLI_OK;
    }
    if (text == NULL)
        return cli_fail("the WinPE catalog cannot be read: %s (run as an administrator?)",
                        err.text);
    int rc = pxb_winpe_catalog_parse(text, &st->cat, &err);
    free(text);
    if (rc != 0)
        return cli_fail("the WinPE catalog %s: %s; it is written by 'winpe add|remove' only: "
                        "put back a good copy, or remove it and add the images again",
                        st->path, err.text);
    return CLI_OK;
}

int cli_winpe_save(const cli_winpe_store *st, pxb_error *err)
{
    size_t need = pxb_winpe_catalog_format(&st->cat, NULL, 0);
    char *text = malloc(need + 1);
    if (text == NULL)
        return pxb_error_set(err, "out of memory");
    pxb_winpe_catalog_format(&st->cat, text, need + 1);
    int rc = cli_write_with_folder(st->path, text, need, err);
    free(text);
    return rc;
}

void cli_winpe_path(const cli_winpe_store *st, const char *image, const char *file, char *out,
                    size_t out_len)
{
    char rel[PXB_WINPE_NAME_MAX + PXB_WINPE_FILE_NAME_MAX + 16];
    snprintf(rel, sizeof rel, "%s/%s%s%s", PXB_WINPE_DIR, image, file ? "/" : "",
             file ? file : "");
    cli_join_path(st->root, rel, out, out_len);
}

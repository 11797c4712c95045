/* winpe_store.h: the WinPE catalog of the stored TFTP root as the `winpe` commands read
 * and write it: winpe\catalog.txt (winpe_catalog.h; none yet is an empty catalog), replaced
 * whole and atomically, and the paths of each image's files under winpe\NAME\. */
#ifndef PXB_CLI_WINPE_STORE_H
#define PXB_CLI_WINPE_STORE_H

#include <stddef.h>

#include "config.h"
#include "pxb_error.h"
#include "winpe_catalog.h"

typedef struct cli_winpe_store {
    char root[PXB_CONFIG_PATH_MAX]; /* the TFTP root */
    char path[PXB_CONFIG_PATH_MAX + 32]; /* its winpe\catalog.txt */
    pxb_winpe_catalog cat;
} cli_winpe_store;

/* Reads the stored TFTP root and its catalog into st. Returns CLI_OK, or CLI_FAILED after
 * saying what could not be read and what to do. */
int cli_winpe_load(cli_winpe_store *st);
/* Writes st's catalog over the file, atomically. Returns 0, or -1 with the reason in err. */
int cli_winpe_save(const cli_winpe_store *st, pxb_error *err);
/* The path of a file of an image: <root>\winpe\IMAGE\FILE (FILE NULL: the folder). */
void cli_winpe_path(const cli_winpe_store *st, const char *image, const char *file, char *out,
                    size_t out_len);

#endif

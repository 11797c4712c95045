/* wimboot_import.h: wimboot brought in by the admin (`firmware import FILE`, and `winpe add
 * --wimboot FILE`): the file as downloaded from the iPXE project checked to be wimboot
 * (wimboot.h), written to its fixed name in the TFTP root by a write that never leaves half
 * a file, recorded as the admin's own build (so `firmware list|verify` show it), and its
 * version and signer said. */
#ifndef PXB_CLI_WIMBOOT_IMPORT_H
#define PXB_CLI_WIMBOOT_IMPORT_H

#include <stddef.h>

/* True when data (len bytes) starts like a PE image: the file is taken as wimboot. */
int cli_wimboot_candidate(const char *data, size_t len);
/* Imports file (its data: len bytes) into root. Returns CLI_OK, or CLI_FAILED with the
 * reason printed ("... is not wimboot: ..."); nothing is written then. */
int cli_wimboot_import(const char *file, const char *data, size_t len, const char *root);

#endif

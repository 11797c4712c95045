/* wimboot_import.h: wimboot brought in by the admin (`firmware import FILE`, `winpe add
 * --wimboot FILE`): the file as downloaded from the iPXE project checked to be wimboot
 * (wimboot.h) with its signatures read, then written to its fixed name in the TFTP root by
 * a write that never leaves half a file and recorded as the admin's own build (so
 * `firmware list|verify` show it), and its version and signer said. */
#ifndef PXB_CLI_WIMBOOT_IMPORT_H
#define PXB_CLI_WIMBOOT_IMPORT_H

#include <stddef.h>

#include "authenticode.h"
#include "file_sha256.h"
#include "json_writer.h"
#include "wimboot.h"

/* One wimboot taken in: the bytes are the caller's (cli_wimboot_check) or malloc'd
 * (cli_wimboot_read: free with cli_wimboot_free). */
typedef struct cli_wimboot {
    const char *file;
    const char *data;
    size_t len;
    char *held;
    pxb_wimboot_info info;
    char sha256[CLI_SHA256_HEX];
    pxb_signatures sigs;
} cli_wimboot;

/* True when data (len bytes) starts like a PE image: the file is taken as wimboot. */
int cli_wimboot_candidate(const char *data, size_t len);
/* Checks file's data (len bytes, kept by the caller) into out. CLI_OK, or CLI_FAILED with
 * the reason printed ("... is not wimboot ...; nothing imported"). */
int cli_wimboot_check(const char *file, const char *data, size_t len, cli_wimboot *out);
/* Reads file and checks it into out; as cli_wimboot_check. */
int cli_wimboot_read(const char *file, cli_wimboot *out);
void cli_wimboot_free(cli_wimboot *w);
/* Writes and records w in root. CLI_OK, or CLI_FAILED with the reason printed. */
int cli_wimboot_put(const cli_wimboot *w, const char *root);
/* "Imported wimboot 2.9.0 (for BIOS and x64 UEFI) into ROOT as wimboot:" and its line. */
void cli_wimboot_print(const cli_wimboot *w, const char *root);
/* {"name", "version", "clients", "size", "sha256", "signature"} as the value of the
 * current key. */
void cli_wimboot_json(pxb_json *j, const cli_wimboot *w);

#endif

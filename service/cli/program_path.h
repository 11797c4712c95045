/* program_path.h: files installed beside pxebridge.exe (the service program, the MSI's copy
 * of the bundled boot images), found from the running program's own path. */
#ifndef PXB_CLI_PROGRAM_PATH_H
#define PXB_CLI_PROGRAM_PATH_H

#include <wchar.h>

/* <the folder of pxebridge.exe>\name into out (MAX_PATH + 1 characters). Returns 0, or -1
 * when the program's path cannot be told or the result would be too long. */
int cli_beside_program(const wchar_t *name, wchar_t *out);

#endif

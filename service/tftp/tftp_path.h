/* tftp_path.h: turns the file name a TFTP client asked for into a path confined to the TFTP
 * root, or refuses it. Pure string rules, identical on Windows and in the native build:
 * '/' and '\' both separate, one leading separator is ignored, and anything that could name
 * a file outside the root or a Windows device is refused (see tftp_path.c for the list). */
#ifndef PXB_TFTP_PATH_H
#define PXB_TFTP_PATH_H

#include <stddef.h>

#define TFTP_PATH_MAX 1024

/* raw/raw_len: the file name field of the request (without its NUL; a trailing 0xFF that
 * some old ROMs append is tolerated). On success writes "dir/file" (components joined by
 * '/') to out and returns 0; otherwise returns -1 and sets *reason to a short English
 * explanation suitable for a TFTP error message ("path leaves the TFTP root"). */
int tftp_path_normalize(const char *raw, size_t raw_len, char *out, size_t out_len,
                        const char **reason);

#endif

/* osfile.h: the few file-system calls made with UTF-8 path names, which plain stdio can't
 * pass through on Windows: by the rotating log file (logfile.c), the whole-file reads and
 * atomic writes (whole_file.c) and the CLI's firmware commands. One backend per OS
 * (service/os/posix/osfile_posix.c, service/os/win32/osfile_win32.c). */
#ifndef PXB_OSFILE_H
#define PXB_OSFILE_H

#include <stddef.h>
#include <stdio.h>

#include "pxb_error.h"

/* Creates dir and any missing parents; 0 if it exists afterwards, -1 with a reason in err. */
int pxb_osfile_make_dirs(const char *dir, pxb_error *err);
/* fopen for a UTF-8 path. */
FILE *pxb_osfile_open(const char *path, const char *mode);
/* Renames from to to, replacing to if it exists. Returns 0 or -1. */
int pxb_osfile_replace(const char *from, const char *to);
/* Deletes path; 0 also when it did not exist. */
int pxb_osfile_remove(const char *path);

#endif

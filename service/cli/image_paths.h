/* image_paths.h: where the firmware commands find boot images and their copies: a name
 * joined to a folder (the TFTP root), the copy of an own build kept under
 * %ProgramData%\pxebridge\builds, and the copy of a bundled image the MSI installs beside
 * pxebridge.exe. */
#ifndef PXB_CLI_IMAGE_PATHS_H
#define PXB_CLI_IMAGE_PATHS_H

#include <stddef.h>

#include "pxb_error.h"

/* dir\name into out, name's '/' turned into '\'. */
void cli_join_path(const char *dir, const char *name, char *out, size_t out_len);
/* True if path (UTF-8) is a folder; cli_is_file: a file that is no folder. */
int cli_is_dir(const char *path);
int cli_is_file(const char *path);

/* Where `firmware replace` keeps a copy of an own build with this SHA-256,
 * %ProgramData%\pxebridge\builds\<sha256>-<file name>: an install, upgrade or repair of the
 * MSI puts the bundled images back into the TFTP root, then runs `firmware reapply`, which
 * puts the kept own builds back. Returns 0, or -1 with err when the ProgramData folder is
 * unknown. */
int cli_own_build_keep_path(const char *name, const char *sha256, char *out, size_t out_len,
                            pxb_error *err);
/* The copy of a bundled image the MSI installs beside pxebridge.exe, in its firmware\
 * folder, for `firmware restore`. Returns 0, or -1 with err when that folder cannot be
 * told. */
int cli_bundled_path(const char *name, char *out, size_t out_len, pxb_error *err);

#endif

/* generated_files.h: files the server makes itself, served when the TFTP root has none of
 * that name. A tftp_files provider in front of another one (the file cache): every open
 * goes to the inner provider first, so the admin's own file always wins; only when it
 * reports "not found" does a generated file of that name (a relative path with '/'
 * between its parts, matched ignoring ASCII case, like the file backend) answer instead. The
 * runtime feeds it the boot script and the GRUB menu made from the boot plan (boot_script.h,
 * grub_menu.h). Replacing a file's contents leaves
 * transfers in flight on the old bytes, freed at their last release. One thread. */
#ifndef PXB_GENERATED_FILES_H
#define PXB_GENERATED_FILES_H

#include <stddef.h>

#include "tftp_files.h"

/* Longest name of a generated file, NUL included. */
#define GENERATED_NAME_MAX 64

typedef struct generated_files generated_files;

/* A layer in front of inner (which must outlive it). NULL when memory runs out. */
generated_files *generated_files_create(tftp_files inner);
/* Every blob it handed out must have been released. */
void generated_files_destroy(generated_files *gf);

/* Serves data[0..len) as name from now on, in place of what name served before. Returns
 * 0, or -1 (nothing changed) when name is empty, holds '\\', a leading, trailing or double
 * '/', a "." or ".." part, is too long, or memory runs out. */
int generated_files_set(generated_files *gf, const char *name, const void *data, size_t len);

/* 1 when name (ASCII case ignored) is one of the generated files, else 0 (the root's own
 * file of that name, if any, is still what is served). */
int generated_files_has(const generated_files *gf, const char *name);

/* The provider: opens through the inner one first, then the generated files. */
tftp_files generated_files_provider(generated_files *gf);

#endif

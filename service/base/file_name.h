/* file_name.h: the file name at the end of a path or URL ('/' and '\\' both separate), and
 * comparing two of them ignoring ASCII case: how a downloaded path is matched against an
 * image name (loop detection, the boot plan's first stages, firmware replace). */
#ifndef PXB_FILE_NAME_H
#define PXB_FILE_NAME_H

/* The part of path after its last '/' or '\\' (all of it when there is none). */
const char *pxb_file_name(const char *path);

/* True if a and b (file names, paths with '/' or '\\', or URLs) end in the same file name,
 * ignoring ASCII case: "Boot\\undionly.kpxe" and "UNDIONLY.KPXE" do. */
int pxb_same_file_name(const char *a, const char *b);

#endif

/* winpe_watch.h: the WinPE catalog (winpe_catalog.h: winpe/catalog.txt in the TFTP root)
 * as the servers read it for the generated menus, through fs.h, with the file's stamp so
 * the runtime can tell when `pxebridge winpe add|remove` changed it. */
#ifndef PXB_WINPE_WATCH_H
#define PXB_WINPE_WATCH_H

#include "fs.h"
#include "winpe_catalog.h"

/* The largest catalog read: 16 images of 16 files is far below it. */
#define PXB_WINPE_WATCH_MAX (256u * 1024)

/* Reads root's catalog into *out and its stamp into *stamp. No catalog: no images, a zero
 * stamp, 0. Returns 0, or -1 with the reason (unreadable, "line N: ...") in err; *out has
 * no images then, *stamp is the file's (so a broken file is not read again until it
 * changes). */
int pxb_winpe_watch_read(const char *root, pxb_winpe_catalog *out, pxb_fs_stamp *stamp,
                          pxb_error *err);
/* True when root's catalog is no longer the one of stamp (changed, made or removed). */
int pxb_winpe_watch_changed(const char *root, const pxb_fs_stamp *stamp);

#endif

/* winpe_fixture.h: WinPE catalogs for the tests of the generated menus (boot.ipxe, GRUB's
 * grub.cfg): images added by name, architecture, index and files, as winpe add records
 * them (winpe_catalog.h); the sizes and sums are made up, the menus do not read them. */
#ifndef PXB_TEST_WINPE_FIXTURE_H
#define PXB_TEST_WINPE_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "winpe_catalog.h"

/* Adds an image; files is a space-separated list of flat names, boot.wim first; names
 * after a '+' are injected files. */
/* The image name carries quotes, which the menus must not write as they are. */
static inline pxb_winpe_image *fixture_add(pxb_winpe_catalog *cat, const char *name,
                                           enum pxb_winpe_arch arch, unsigned index,
                                           const char *files)
{
    pxb_winpe_image *img = &cat->images[cat->count++];
    char list[256];
    int injected = 0;

    memset(img, 0, sizeof *img);
    snprintf(img->name, sizeof img->name, "%s", name);
    img->arch = arch;
    img->index = index;
    snprintf(img->image_name, sizeof img->image_name, "Microsoft Windows PE \"%s\"", name);
    snprintf(img->version, sizeof img->version, "10.0.26100.1");
    snprintf(list, sizeof list, "%s", files);
    for (char *f = strtok(list, " "); f != NULL; f = strtok(NULL, " ")) {
        pxb_winpe_file *file = &img->files[img->file_count++];
        injected |= strcmp(f, "+") == 0;
        if (strcmp(f, "+") == 0) {
            img->file_count--;
            continue;
        }
        snprintf(file->name, sizeof file->name, "%s", f);
        file->size = 1000;
        memset(file->sha256, 'a', 64);
        file->injected = injected;
    }
    return img;
}

#endif

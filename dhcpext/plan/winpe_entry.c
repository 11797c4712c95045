/* winpe_entry.c: a WinPE image's entry as the menus write it (see winpe_entry.h). */
#include "winpe_entry.h"

#include <string.h>

#define WORD_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"

static int is_word(const char *s)
{
    return s[0] != '\0' && s[strspn(s, WORD_CHARS)] == '\0';
}

int pxb_winpe_entry_ok(const pxb_winpe_image *img)
{
    if (!is_word(img->name) || img->file_count == 0 ||
        strcmp(img->files[0].name, "boot.wim") != 0)
        return 0;
    for (size_t i = 0; i < img->file_count; i++)
        if (!is_word(img->files[i].name))
            return 0;
    return 1;
}

void pxb_winpe_entry_title(const pxb_winpe_image *img, pxb_text *t)
{
    char title[PXB_WINPE_TEXT_MAX];

    strcpy(title, img->image_name);
    for (char *c = title; *c; c++)
        if (strchr(WORD_CHARS " ()", *c) == NULL)
            *c = '_';
    pxb_text_printf(t, "WinPE %s: %s (%s)", img->name, title[0] ? title : "no image name",
                    pxb_winpe_entry_buildarch(img));
}

const char *pxb_winpe_entry_buildarch(const pxb_winpe_image *img)
{
    static const char *const BUILDARCH[] = {[PXB_WINPE_X86] = "i386", [PXB_WINPE_X64] = "x86_64",
                                            [PXB_WINPE_ARM64] = "arm64"};
    return BUILDARCH[img->arch];
}

const pxb_winpe_image *pxb_winpe_entry_target(const pxb_menu_source *src)
{
    const char *name = pxb_plan_winpe_target(src->plan);
    return name != NULL ? pxb_winpe_catalog_find(src->winpe, name) : NULL;
}

int pxb_winpe_entry_for_arch(const pxb_winpe_image *img, unsigned arch)
{
    switch (arch) {
    case 0:
        return img->arch == PXB_WINPE_X64 || img->arch == PXB_WINPE_X86;
    case 6:
        return img->arch == PXB_WINPE_X86;
    case 7:
    case 9:
        return img->arch == PXB_WINPE_X64;
    case 11:
        return img->arch == PXB_WINPE_ARM64;
    default:
        return 0;
    }
}

/* winpe_script.c: writes the WinPE entries of boot.ipxe (see winpe_script.h). Each image's
 * section checks the client's architecture, loads ${pxb-wimboot} and the image's files and
 * boots; every command that may fail goes to :winpe-failed, which says why and goes on to
 * :local. A BIOS client's ${pxb-arch} is pcbios: the hybrid wimboot boots x64 and x86. */
#include "winpe_script.h"

#include "wimboot.h"
#include "winpe_entry.h"

int pxb_winpe_script_wanted(const pxb_menu_source *src)
{
    if (pxb_plan_winpe_target(src->plan) != NULL)
        return 1;
    return src->plan->menu_timeout_s > 0 && src->winpe->count > 0;
}

void pxb_winpe_script_setup(const pxb_menu_source *src, pxb_text *t)
{
    if (!pxb_winpe_script_wanted(src))
        return;
    pxb_text_put(t, "set pxb-arch ${buildarch}\n"
                    "iseq ${platform} pcbios && set pxb-arch pcbios ||\n"
                    "set pxb-wimboot " PXB_WIMBOOT_X64 "\n"
                    "iseq ${pxb-arch} i386 && set pxb-wimboot " PXB_WIMBOOT_I386 " ||\n"
                    "iseq ${pxb-arch} arm64 && set pxb-wimboot " PXB_WIMBOOT_ARM64 " ||\n");
}

/* True for x64 and x86 images, which BIOS clients boot through the hybrid wimboot. */
static int boots_on_bios(const pxb_winpe_image *img)
{
    return img->arch == PXB_WINPE_X64 || img->arch == PXB_WINPE_X86;
}

static void write_item(const pxb_winpe_image *img, const char *arch, pxb_text *t)
{
    pxb_text_printf(t, "iseq ${pxb-arch} %s && item " PXB_WINPE_LABEL "%s ", arch, img->name);
    pxb_winpe_entry_title(img, t);
    pxb_text_put(t, " ||\n");
}

void pxb_winpe_script_items(const pxb_menu_source *src, pxb_text *t)
{
    for (size_t i = 0; i < src->winpe->count; i++) {
        const pxb_winpe_image *img = &src->winpe->images[i];
        if (!pxb_winpe_entry_ok(img))
            continue;
        write_item(img, pxb_winpe_entry_buildarch(img), t);
        if (boots_on_bios(img))
            write_item(img, "pcbios", t);
    }
}

void pxb_winpe_script_target(const pxb_menu_source *src, pxb_text *t)
{
    const pxb_winpe_image *img = pxb_winpe_entry_target(src);
    if (img != NULL && pxb_winpe_entry_ok(img)) {
        pxb_text_printf(t, "goto " PXB_WINPE_LABEL "%s\n", img->name);
        return;
    }
    pxb_text_printf(t, "echo pxebridge: BootTarget %s names no image of the WinPE catalog "
                       "(pxebridge winpe list)\n", src->plan->boot_target);
}

static void write_section(const pxb_menu_source *src, const pxb_winpe_image *img,
                          pxb_text *t)
{
    pxb_text_printf(t, ":" PXB_WINPE_LABEL "%s\n"
                       "iseq ${pxb-arch} %s ||%s goto winpe-arch\n", img->name,
                    pxb_winpe_entry_buildarch(img),
                    boots_on_bios(img) ? " iseq ${pxb-arch} pcbios ||" : "");
    pxb_text_printf(t, "echo pxebridge: booting WinPE %s through ${pxb-wimboot} over %s\n",
                    img->name, pxb_menu_source_protocol(src));
    pxb_text_printf(t, "kernel %s${pxb-wimboot}", src->base);
    if (img->index != 1)
        pxb_text_printf(t, " index=%u", img->index);
    pxb_text_put(t, " || goto winpe-failed\n");
    for (size_t i = 0; i < img->file_count; i++)
        pxb_text_printf(t, "initrd %s" PXB_WINPE_DIR "/%s/%s %s || goto winpe-failed\n",
                        src->base, img->name, img->files[i].name, img->files[i].name);
    pxb_text_put(t, "boot || goto winpe-failed\n");
}

/* The image the script boots: the target's alone without a menu, else every image. */
static int offered(const pxb_menu_source *src, const pxb_winpe_image *img)
{
    if (!pxb_winpe_entry_ok(img))
        return 0;
    return src->plan->menu_timeout_s > 0 || img == pxb_winpe_entry_target(src);
}

void pxb_winpe_script_sections(const pxb_menu_source *src, pxb_text *t)
{
    if (!pxb_winpe_script_wanted(src))
        return;
    for (size_t i = 0; i < src->winpe->count; i++)
        if (offered(src, &src->winpe->images[i]))
            write_section(src, &src->winpe->images[i], t);
    pxb_text_put(t, ":winpe-arch\n"
                    "echo pxebridge: that WinPE image is not for this client "
                    "(${platform}/${buildarch})\n"
                    "goto local\n"
                    ":winpe-failed\n"
                    "echo pxebridge: WinPE did not boot (error ${errno})\n"
                    "goto local\n");
}

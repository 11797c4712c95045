/* winpe_grub.c: writes the WinPE entries of GRUB's menu (see winpe_grub.h). The images'
 * names and files are plain words (winpe_entry.h), so GRUB reads none of them as syntax. */
#include "winpe_grub.h"

#include "wimboot.h"
#include "winpe_entry.h"

/* Per CPU of the signed chain: the images it boots and the wimboot that boots them. */
static const enum pxb_winpe_arch ARCH[PXB_GRUB_CPUS] = {[PXB_GRUB_X64] = PXB_WINPE_X64,
                                                        [PXB_GRUB_ARM64] = PXB_WINPE_ARM64};
static const char *const WIMBOOT[PXB_GRUB_CPUS] = {[PXB_GRUB_X64] = PXB_WIMBOOT_X64,
                                                   [PXB_GRUB_ARM64] = PXB_WIMBOOT_ARM64};

static void write_entry(const pxb_winpe_image *img, enum pxb_grub_cpu cpu, pxb_text *t)
{
    pxb_text_put(t, "menuentry \"");
    pxb_winpe_entry_title(img, t);
    pxb_text_printf(t, "\" --id winpe-%s {\n"
                       "  echo \"pxebridge: loading /%s and WinPE %s over TFTP\"\n"
                       "  linux /%s", img->name, WIMBOOT[cpu], img->name, WIMBOOT[cpu]);
    if (img->index != 1)
        pxb_text_printf(t, " index=%u", img->index);
    pxb_text_put(t, "\n  initrd");
    for (size_t i = 0; i < img->file_count; i++)
        pxb_text_printf(t, " newc:%s:/" PXB_WINPE_DIR "/%s/%s", img->files[i].name,
                        img->name, img->files[i].name);
    pxb_text_put(t, "\n  boot\n}\n");
}

void pxb_winpe_grub_entries(const pxb_menu_source *src, enum pxb_grub_cpu cpu, pxb_text *t)
{
    const pxb_winpe_image *target = pxb_winpe_entry_target(src);

    for (size_t i = 0; i < src->winpe->count; i++) {
        const pxb_winpe_image *img = &src->winpe->images[i];
        if (img->arch == ARCH[cpu] && pxb_winpe_entry_ok(img))
            write_entry(img, cpu, t);
    }
    if (target != NULL && target->arch == ARCH[cpu] && pxb_winpe_entry_ok(target))
        pxb_text_printf(t, "set default=winpe-%s\n", target->name);
}

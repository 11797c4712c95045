/* fuzz_wim_info.c: libFuzzer target for the WIM reader of `winpe add` (wim_info.h,
 * wim_xml.h). The bytes are a WIM file: its header read, then the XML resource it points
 * at, then an image picked (by its boot index, and by index 1 for x64). Whatever the
 * bytes, a header read must point its XML inside them, every image read must have an
 * index and NUL-terminated texts, and a picked image must be one the XML describes, of a
 * known architecture. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wim_info.h"
#include "wim_xml.h"

static void check_images(const pxb_wim_xml *xml)
{
    if (xml->count > PXB_WIM_IMAGES_MAX)
        abort();
    for (size_t i = 0; i < xml->count; i++) {
        const pxb_wim_image *img = &xml->images[i];
        if (img->index == 0 || strnlen(img->name, sizeof img->name) == sizeof img->name ||
            strnlen(img->version, sizeof img->version) == sizeof img->version)
            abort();
    }
}

static void check_pick(const pxb_wim_header *hdr, const pxb_wim_xml *xml, unsigned index,
                       int arch)
{
    pxb_wim_image img;
    if (pxb_wim_pick(hdr, xml, index, arch, &img, NULL) != 0)
        return;
    if (img.index == 0 || img.index > hdr->image_count || pxb_wim_arch_name(img.arch) == NULL)
        abort();
    if (arch != PXB_WIM_ARCH_NONE && img.arch != arch)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pxb_wim_header hdr;
    pxb_wim_xml *xml = malloc(sizeof *xml);
    if (xml == NULL || pxb_wim_header_read(data, size, size, &hdr, NULL) != 0) {
        free(xml);
        return 0;
    }
    if (hdr.xml.offset > size || hdr.xml.size > size - hdr.xml.offset)
        abort();
    if (pxb_wim_xml_read(data + hdr.xml.offset, (size_t)hdr.xml.size, xml, NULL) == 0) {
        check_images(xml);
        check_pick(&hdr, xml, 0, PXB_WIM_ARCH_NONE);
        check_pick(&hdr, xml, 1, PXB_WIM_ARCH_X64);
    }
    free(xml);
    return 0;
}

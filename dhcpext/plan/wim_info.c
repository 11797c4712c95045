/* wim_info.c: a WIM's header and XML metadata read and checked (see wim_info.h). The
 * XML metadata is read by wim_xml.c. */
#include "wim_info.h"

#include <stdio.h>
#include <string.h>

#include "ascii_case.h"

/* Header layout (offsets as `wimlib-imagex info --header` shows the fields of WIMs it
 * wrote, matched against their bytes): magic 0, header size 8, version 12, flags 16,
 * chunk size 20, GUID 24, part number 40 and total parts 42 (16 bits each), image count
 * 44, then resource headers of 24 bytes each (size in 7 bytes, flags in 1, offset,
 * original size): blob table 48, XML data 72, boot metadata 96; boot index 120. */
#define OFF_HEADER_SIZE 8
#define OFF_VERSION 12
#define OFF_FLAGS 16
#define OFF_PART 40
#define OFF_TOTAL_PARTS 42
#define OFF_IMAGE_COUNT 44
#define OFF_XML 72
#define OFF_BOOT_INDEX 120

/* Versions: 0x10d00 is what wimlib writes; 0xe00 ("version 3584", wimlib's NEWS) the solid
 * WIMs of --solid and Windows' ESD files, LZMS-compressed. */
#define VERSION_PLAIN 0x10d00u
#define VERSION_SOLID 0xe00u

/* Header flags, as wimlib-imagex info --header names each bit set on its own. */
#define FLAG_COMPRESSION 0x2u
#define FLAG_SPANNED 0x8u
#define FLAG_RESOURCE_ONLY 0x10u
#define FLAG_METADATA_ONLY 0x20u
#define FLAG_WRITE_IN_PROGRESS 0x40u
#define FLAG_COMPRESS_XPRESS 0x20000u
#define FLAG_COMPRESS_LZX 0x40000u
#define FLAG_COMPRESS_LZMS 0x80000u
#define FLAG_COMPRESS_KINDS 0x3f0000u /* the reserved bit, XPRESS, LZX, LZMS, XPRESS_2 */

/* What wimboot decompresses: LZX and XPRESS (its "XCA") only, and "Can't handle unknown
 * compression scheme" for the rest (the messages in the signed wimboot 2.9.0 release the
 * tests use, WIMBOOT=FILE); so LZMS and solid WIMs are refused here, before they are copied. */
static const char MAGIC[8] = {'M', 'S', 'W', 'I', 'M', 0, 0, 0};
static const char EXPORT_HINT[] = "make an LZX copy wimboot reads: wimlib-imagex export "
                                  "SOURCE.wim all boot.wim --compress=LZX";

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }

static uint64_t le64(const uint8_t *p) { return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32; }

static void read_resource(const uint8_t *p, pxb_wim_resource *res)
{
    res->size = le64(p) & 0x00ffffffffffffffull;
    res->flags = p[7];
    res->offset = le64(p + 8);
    res->original_size = le64(p + 16);
}

static int check_version(uint32_t version, pxb_error *err)
{
    if (version == VERSION_PLAIN)
        return 0;
    if (version == VERSION_SOLID)
        return pxb_error_set(err, "a solid WIM (version 0xe00, LZMS-compressed, like an ESD "
                                  "file), which wimboot cannot read: %s", EXPORT_HINT);
    return pxb_error_set(err, "unknown WIM version 0x%x (this reader knows 0x%x)",
                         (unsigned)version, VERSION_PLAIN);
}

static int read_compression(uint32_t flags, enum pxb_wim_compression *out, pxb_error *err)
{
    uint32_t kind = flags & FLAG_COMPRESS_KINDS;
    *out = PXB_WIM_NONE;
    if (!(flags & FLAG_COMPRESSION))
        return 0;
    if (kind == FLAG_COMPRESS_XPRESS) {
        *out = PXB_WIM_XPRESS;
        return 0;
    }
    if (kind == FLAG_COMPRESS_LZX) {
        *out = PXB_WIM_LZX;
        return 0;
    }
    if (kind == FLAG_COMPRESS_LZMS)
        return pxb_error_set(err, "LZMS-compressed, which wimboot cannot read: %s",
                             EXPORT_HINT);
    return pxb_error_set(err, "an unknown compression (header flags 0x%x): %s",
                         (unsigned)flags, EXPORT_HINT);
}

/* The flags that make a WIM unusable as a whole boot image. */
static int check_flags(pxb_wim_header *h, pxb_error *err)
{
    if ((h->flags & FLAG_SPANNED) || h->total_parts != 1 || h->part != 1)
        return pxb_error_set(err, "a part of a split WIM (.swm, part %u of %u): join the "
                                  "parts into one first: wimlib-imagex join boot.wim "
                                  "boot.swm boot2.swm ...", h->part, h->total_parts);
    if (h->flags & FLAG_WRITE_IN_PROGRESS)
        return pxb_error_set(err, "marked as still being written (an interrupted capture?): "
                                  "make the WIM again");
    if (h->flags & (FLAG_RESOURCE_ONLY | FLAG_METADATA_ONLY))
        return pxb_error_set(err, "a WIM holding only %s (header flags 0x%x), not a bootable "
                                  "image", (h->flags & FLAG_RESOURCE_ONLY) ? "resources"
                                  : "metadata", (unsigned)h->flags);
    return read_compression(h->flags, &h->compression, err);
}

static int check_counts(const pxb_wim_header *h, pxb_error *err)
{
    if (h->image_count == 0)
        return pxb_error_set(err, "the WIM holds no image");
    if (h->boot_index > h->image_count)
        return pxb_error_set(err, "its boot index %u is out of range: the WIM holds %u "
                                  "image(s); mark one with wimlib-imagex info FILE N --boot",
                             (unsigned)h->boot_index, (unsigned)h->image_count);
    return 0;
}

static int check_xml_resource(const pxb_wim_resource *xml, uint64_t file_size,
                              pxb_error *err)
{
    if (xml->size == 0)
        return pxb_error_set(err, "the WIM has no XML metadata (damaged?)");
    if (xml->flags & PXB_WIM_RES_COMPRESSED)
        return pxb_error_set(err, "its XML metadata is stored compressed, which no WIM "
                                  "writer does (damaged?)");
    if (xml->offset > file_size || xml->size > file_size - xml->offset)
        return pxb_error_set(err, "its XML metadata (%llu bytes at %llu) lies beyond the "
                                  "end of the file (%llu bytes): a truncated copy?",
                             (unsigned long long)xml->size, (unsigned long long)xml->offset,
                             (unsigned long long)file_size);
    if (xml->size > PXB_WIM_XML_MAX)
        return pxb_error_set(err, "its XML metadata is %llu bytes, more than the %u "
                                  "this reader takes", (unsigned long long)xml->size,
                             (unsigned)PXB_WIM_XML_MAX);
    return 0;
}

int pxb_wim_header_read(const uint8_t *data, size_t len, uint64_t file_size,
                        pxb_wim_header *out, pxb_error *err)
{
    pxb_wim_header h;
    memset(&h, 0, sizeof h);
    if (len < PXB_WIM_HEADER_SIZE || memcmp(data, MAGIC, sizeof MAGIC) != 0)
        return pxb_error_set(err, "not a WIM file (it does not start with a WIM header, "
                                  "MSWIM): give a boot.wim, such as media\\sources\\boot.wim "
                                  "of a copype folder");
    h.header_size = le32(data + OFF_HEADER_SIZE);
    h.version = le32(data + OFF_VERSION);
    h.flags = le32(data + OFF_FLAGS);
    h.part = le16(data + OFF_PART);
    h.total_parts = le16(data + OFF_TOTAL_PARTS);
    h.image_count = le32(data + OFF_IMAGE_COUNT);
    h.boot_index = le32(data + OFF_BOOT_INDEX);
    read_resource(data + OFF_XML, &h.xml);
    if (h.header_size != PXB_WIM_HEADER_SIZE)
        return pxb_error_set(err, "a WIM header of %u bytes, not %u (damaged?)",
                             (unsigned)h.header_size, PXB_WIM_HEADER_SIZE);
    if (check_version(h.version, err) != 0 || check_flags(&h, err) != 0 ||
        check_counts(&h, err) != 0 || check_xml_resource(&h.xml, file_size, err) != 0)
        return -1;
    *out = h;
    return 0;
}

/* The index to boot when none is asked for. */
static int default_index(const pxb_wim_header *hdr, unsigned *index, pxb_error *err)
{
    if (hdr->boot_index != 0) {
        *index = hdr->boot_index;
        return 0;
    }
    if (hdr->image_count == 1) {
        *index = 1;
        return 0;
    }
    return pxb_error_set(err, "the WIM holds %u images and marks none bootable: choose one "
                              "with --index N", (unsigned)hdr->image_count);
}

static int check_arch(const pxb_wim_image *img, int want_arch, pxb_error *err)
{
    const char *have = pxb_wim_arch_name(img->arch);
    if (img->arch == PXB_WIM_ARCH_NONE && want_arch == PXB_WIM_ARCH_NONE)
        return pxb_error_set(err, "image %u names no architecture in its metadata "
                                  "(WINDOWS/ARCH): say which with --arch x86|x64|arm64",
                             img->index);
    if (img->arch != PXB_WIM_ARCH_NONE && have == NULL)
        return pxb_error_set(err, "image %u is for architecture %d (WINDOWS/ARCH), none of "
                                  "x86, x64, arm64 that wimboot boots", img->index, img->arch);
    if (want_arch != PXB_WIM_ARCH_NONE && img->arch != PXB_WIM_ARCH_NONE &&
        img->arch != want_arch)
        return pxb_error_set(err, "image %u (%s) is for %s, not %s as --arch says: give the "
                                  "%s image, or --arch %s", img->index, img->name, have,
                             pxb_wim_arch_name(want_arch), pxb_wim_arch_name(want_arch),
                             have);
    return 0;
}

int pxb_wim_pick(const pxb_wim_header *hdr, const pxb_wim_xml *xml, unsigned index,
                 int want_arch, pxb_wim_image *out, pxb_error *err)
{
    if (index == 0 && default_index(hdr, &index, err) != 0)
        return -1;
    if (index > hdr->image_count)
        return pxb_error_set(err, "--index %u is out of range: the WIM holds %u image(s)",
                             index, (unsigned)hdr->image_count);
    const pxb_wim_image *img = NULL;
    for (size_t i = 0; i < xml->count && img == NULL; i++)
        if (xml->images[i].index == index)
            img = &xml->images[i];
    if (img == NULL)
        return pxb_error_set(err, "the WIM's XML metadata does not describe image %u "
                                  "(damaged?)", index);
    if (check_arch(img, want_arch, err) != 0)
        return -1;
    *out = *img;
    if (out->arch == PXB_WIM_ARCH_NONE)
        out->arch = want_arch;
    return 0;
}

const char *pxb_wim_arch_name(int arch)
{
    switch (arch) {
    case PXB_WIM_ARCH_X86: return "x86";
    case PXB_WIM_ARCH_X64: return "x64";
    case PXB_WIM_ARCH_ARM64: return "arm64";
    default: return NULL;
    }
}

int pxb_wim_arch_parse(const char *name)
{
    static const int ARCHES[] = {PXB_WIM_ARCH_X86, PXB_WIM_ARCH_X64, PXB_WIM_ARCH_ARM64};
    for (size_t i = 0; name != NULL && i < sizeof ARCHES / sizeof ARCHES[0]; i++)
        if (pxb_ascii_same(name, pxb_wim_arch_name(ARCHES[i])))
            return ARCHES[i];
    return PXB_WIM_ARCH_NONE;
}

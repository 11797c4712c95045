/* wim_info.h: what `pxebridge winpe add` must know of a Windows Imaging (WIM) file before
 * it copies one: its header (a WIM at all, a version this reader knows, the compression,
 * not a part of a split WIM, usable, how many images and which one boots, where the XML
 * metadata lies) and, from that XML, each image's name, architecture and version, then
 * the one image wimboot is to boot. Portable and without file I/O: the caller hands over
 * the header's bytes, then the bytes of the XML resource the header points at (wim_xml.h).
 *
 * The format's facts come from wimlib 1.13.6 (Debian's wimtools): its manual pages
 * (wimlib-imagex-info(1), -capture(1), -split(1)), its NEWS, and what
 * `wimlib-imagex info --header` and `--xml` print for WIMs it made (captured, --solid,
 * --compress=XPRESS|none, split) and for headers with one flag bit set at a time. */
#ifndef PXB_WIM_INFO_H
#define PXB_WIM_INFO_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"

/* The header's size in bytes ("Header Size = 208" for every WIM wimlib writes). */
#define PXB_WIM_HEADER_SIZE 208
/* The most XML metadata read (a WinPE's is a few KiB; each image adds about one). */
#define PXB_WIM_XML_MAX ((size_t)1 << 20)
#define PXB_WIM_IMAGES_MAX 64
#define PXB_WIM_TEXT_MAX 128

/* WINDOWS/ARCH of the XML metadata. */
#define PXB_WIM_ARCH_X86 0
#define PXB_WIM_ARCH_X64 9
#define PXB_WIM_ARCH_ARM64 12
#define PXB_WIM_ARCH_NONE (-1) /* the image has no WINDOWS/ARCH */

enum pxb_wim_compression { PXB_WIM_NONE, PXB_WIM_XPRESS, PXB_WIM_LZX, PXB_WIM_LZMS };

/* A resource header: where a resource lies in the file and how it is stored. */
typedef struct pxb_wim_resource {
    uint64_t size;          /* bytes in the file */
    uint8_t flags;          /* PXB_WIM_RES_* */
    uint64_t offset;
    uint64_t original_size; /* bytes once uncompressed */
} pxb_wim_resource;

#define PXB_WIM_RES_COMPRESSED 0x04u

typedef struct pxb_wim_header {
    uint32_t header_size;
    uint32_t version;
    uint32_t flags;
    enum pxb_wim_compression compression;
    unsigned part, total_parts;
    uint32_t image_count;
    uint32_t boot_index; /* 0: none marked bootable */
    pxb_wim_resource xml;
} pxb_wim_header;

typedef struct pxb_wim_image {
    unsigned index;                /* IMAGE INDEX, 1-based */
    char name[PXB_WIM_TEXT_MAX];   /* NAME, UTF-8; "" when absent */
    int arch;                      /* WINDOWS/ARCH, or PXB_WIM_ARCH_NONE */
    char version[PXB_WIM_TEXT_MAX]; /* "MAJOR.MINOR.BUILD.SPBUILD"; "" when absent */
} pxb_wim_image;

typedef struct pxb_wim_xml {
    pxb_wim_image images[PXB_WIM_IMAGES_MAX];
    size_t count;
} pxb_wim_xml;

/* Reads the header from the file's first len bytes (at least PXB_WIM_HEADER_SIZE) of a
 * file of file_size bytes. Returns 0, or -1 with what is wrong: not a WIM, an unknown
 * version, a part of a split WIM, a compression wimboot cannot read, a WIM being written
 * or holding no images, a boot index out of range, XML metadata outside the file or
 * stored compressed. */
int pxb_wim_header_read(const uint8_t *data, size_t len, uint64_t file_size,
                        pxb_wim_header *out, pxb_error *err);

/* The image wimboot is to boot: index (1-based; 0 for the header's boot index, or the only
 * image), which must match want_arch unless that is PXB_WIM_ARCH_NONE. Returns 0, or -1
 * naming the index out of range, the image the XML does not describe, or the architecture
 * it has. */
int pxb_wim_pick(const pxb_wim_header *hdr, const pxb_wim_xml *xml, unsigned index,
                 int want_arch, pxb_wim_image *out, pxb_error *err);

/* "x86", "x64", "arm64" for a WINDOWS/ARCH value; NULL for others. */
const char *pxb_wim_arch_name(int arch);
/* The WINDOWS/ARCH value of "x86", "x64" or "arm64" (ignoring case); PXB_WIM_ARCH_NONE for
 * other text. */
int pxb_wim_arch_parse(const char *name);

#endif

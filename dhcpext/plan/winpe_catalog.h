/* winpe_catalog.h: the Windows PE images of the TFTP root as `pxebridge winpe add` recorded
 * them, the one store the CLI (add, list, remove, verify), the generated boot.ipxe and GRUB
 * menus (an entry per image, booted through wimboot), `explain` and the status read. Each
 * image is a folder winpe/NAME/ of the TFTP root holding its files under the flat names
 * wimboot gives them (boot.wim, BCD, boot.sdi, bootmgr, injected files like winpeshl.ini);
 * the catalog itself is one text file, winpe/catalog.txt, replaced whole by each change:
 *
 *     # pxebridge WinPE catalog: written by pxebridge winpe add|remove; do not edit
 *     [NAME]
 *     Arch=x64                      x86 | x64 | arm64 (the WIM's XML <ARCH>: 0, 9, 12)
 *     Index=1                       the WIM image wimboot boots (index=N), 1-based
 *     ImageName=Microsoft Windows PE (amd64)
 *     Version=10.0.26100.1
 *     File=boot.wim 312345678 <sha256 hex>      one line per file: name, size, sum;
 *     File=BCD 16384 <sha256 hex>               boot.wim first, then the boot files, then
 *     Inject=winpeshl.ini 64 <sha256 hex>       the injected files (\Windows\System32)
 *
 * Plain data and pure functions: parse, format, find. */
#ifndef PXB_WINPE_CATALOG_H
#define PXB_WINPE_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"

/* The catalog's path in the TFTP root, and the folder of the images. */
#define PXB_WINPE_CATALOG "winpe/catalog.txt"
#define PXB_WINPE_DIR "winpe"
/* An image's name: letters, digits, '-' and '_', at most 32 (NUL included: 33). */
#define PXB_WINPE_NAME_MAX 33
#define PXB_WINPE_IMAGES_MAX 16
#define PXB_WINPE_FILES_MAX 16
/* A flat file name wimboot sees (NUL included). */
#define PXB_WINPE_FILE_NAME_MAX 64
#define PXB_WINPE_TEXT_MAX 128

enum pxb_winpe_arch { PXB_WINPE_X86, PXB_WINPE_X64, PXB_WINPE_ARM64 };

typedef struct pxb_winpe_file {
    char name[PXB_WINPE_FILE_NAME_MAX]; /* "boot.wim", "BCD", "winpeshl.ini" */
    uint64_t size;
    char sha256[65];                    /* lower-case hex */
    int injected;                       /* an Inject= line: goes to \Windows\System32 */
} pxb_winpe_file;

typedef struct pxb_winpe_image {
    char name[PXB_WINPE_NAME_MAX];
    enum pxb_winpe_arch arch;
    unsigned index;
    char image_name[PXB_WINPE_TEXT_MAX];
    char version[PXB_WINPE_TEXT_MAX];
    pxb_winpe_file files[PXB_WINPE_FILES_MAX];
    size_t file_count;
} pxb_winpe_image;

typedef struct pxb_winpe_catalog {
    pxb_winpe_image images[PXB_WINPE_IMAGES_MAX];
    size_t count;
} pxb_winpe_catalog;

/* "x86", "x64", "arm64". */
const char *pxb_winpe_arch_name(enum pxb_winpe_arch arch);
/* The architecture of that name (ignoring case): 0, or -1 for another text. */
int pxb_winpe_arch_parse(const char *name, enum pxb_winpe_arch *out);
/* 0 if name is an image's name as above, or -1 saying what is wrong with it. */
int pxb_winpe_name_check(const char *name, pxb_error *err);
/* 0 if name is a flat file name an image may hold (no folder, blank or control
 * character; shorter than PXB_WINPE_FILE_NAME_MAX), or -1 saying what is wrong. */
int pxb_winpe_file_name_check(const char *name, pxb_error *err);

/* Reads the catalog's text (empty text: no images). Returns 0, or -1 with "line N: ..."
 * and *out unchanged. */
int pxb_winpe_catalog_parse(const char *text, pxb_winpe_catalog *out, pxb_error *err);
/* Writes the catalog as text. Returns the length the whole text needs (NUL excluded); the
 * output is complete when that is below out_len. */
size_t pxb_winpe_catalog_format(const pxb_winpe_catalog *cat, char *out, size_t out_len);
/* The image of that name (compared ignoring case), or NULL. */
const pxb_winpe_image *pxb_winpe_catalog_find(const pxb_winpe_catalog *cat, const char *name);

#endif

/* cmd_firmware_import.c: `pxebridge firmware import FOLDER|ARCHIVE`: brings iPXE's signed
 * build for Secure Boot (ipxe.org's ipxeboot.tar.gz, as it is or unpacked) into the TFTP
 * root. FOLDER is the unpacked archive (holding x86_64-sb and arm64-sb) or one of those
 * folders; ARCHIVE is the .tar.gz (or a plain .tar), read in memory (gunzip.h,
 * tar_archive.h). Each EFI program of an arch folder is read through its links (the
 * archive's ipxe-shim.efi and snponly-shim.efi are symbolic links to the shim, and the TFTP
 * server serves no links), checked to be a UEFI application for the folder's CPU
 * (boot_image.h), and its signature read (authenticode.h); only when all are good are they
 * written as real files to the same folder names in the TFTP root and recorded as the
 * admin's own builds, so `firmware list|verify` know them. A file that starts like a PE
 * image is taken as wimboot instead (wimboot_import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "ascii_case.h"
#include "boot_image.h"
#include "cli.h"
#include "console.h"
#include "firmware_images.h"
#include "firmware_settings.h"
#include "gunzip.h"
#include "image_paths.h"
#include "image_write.h"
#include "own_build_records.h"
#include "tar_archive.h"
#include "whole_file.h"
#include "wimboot_import.h"
#include "win_text.h"

#define FILES_MAX 16
#define ARCHIVE_MAX ((size_t)256 << 20) /* ipxeboot.tar.gz is a few MiB, unpacked too */

/* The folders of ipxeboot.tar.gz pxebridge takes, and the stage each one's programs serve. */
static const struct {
    const char *name;
    enum pxb_stage stage;
} ARCH_DIRS[] = {{"x86_64-sb", PXB_STAGE_UEFI_X64}, {"arm64-sb", PXB_STAGE_UEFI_ARM64}};
#define ARCH_DIR_COUNT (sizeof ARCH_DIRS / sizeof ARCH_DIRS[0])

/* One program to import. */
typedef struct import_file {
    char rel[PXB_PLAN_VALUE_MAX]; /* x86_64-sb/snponly-shim.efi */
    char *data;
    size_t len;
    char sha256[CLI_SHA256_HEX];
    pxb_signatures sigs;
} import_file;

typedef struct importing {
    import_file file[FILES_MAX];
    size_t count;
    char root[PXB_CONFIG_PATH_MAX];
    int wimboot; /* the file was wimboot, imported as it was taken */
} importing;

/* Checks the program name of the arch folder sub, found at where (data: len bytes,
 * malloc'd, im's from here), and takes it into im. */
static int take_program(importing *im, const char *where, const char *sub, const char *name,
                        char *data, size_t len, enum pxb_stage stage)
{
    pxb_error err;
    if (im->count == FILES_MAX) {
        free(data);
        return cli_fail("more than %d EFI programs; is it iPXE's signed build?", FILES_MAX);
    }
    import_file *f = &im->file[im->count++];
    f->data = data;
    f->len = len;
    if (pxb_image_check(stage, (const unsigned char *)f->data, f->len, f->len, &err) != 0)
        return cli_fail("%s does not suit %s: %s; nothing imported", where,
                        pxb_stage(stage)->setting, err.text);
    if (cli_data_sha256(f->data, f->len, f->sha256, &err) != CLI_HASH_OK)
        return cli_fail("%s cannot be hashed: %s", where, err.text);
    pxb_authenticode_read((const unsigned char *)f->data, f->len, &f->sigs);
    snprintf(f->rel, sizeof f->rel, "%s/%s", sub, name);
    return CLI_OK;
}

/* Reads dir\name (a program of the arch folder sub) and takes it into im. */
static int take_file(importing *im, const char *dir, const char *sub, const char *name,
                     enum pxb_stage stage)
{
    char path[MAX_PATH * 3];
    pxb_error err;
    size_t len;
    cli_join_path(dir, name, path, sizeof path);
    char *data = pxb_file_read(path, CLI_IMAGE_MAX, &len, &err);
    if (data == NULL)
        return cli_fail("%s cannot be read (a link to a missing file?): %s", path, err.text);
    return take_program(im, path, sub, name, data, len, stage);
}

/* Takes every *.efi of the arch folder dir (named sub in the root). */
static int take_dir(importing *im, const char *dir, const char *sub, enum pxb_stage stage)
{
    char pattern[MAX_PATH * 3];
    WIN32_FIND_DATAW found;
    cli_join_path(dir, "*.efi", pattern, sizeof pattern);
    wchar_t *w = pxb_wide_from_utf8(pattern);
    HANDLE h = w != NULL ? FindFirstFileW(w, &found) : INVALID_HANDLE_VALUE;
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return cli_fail("%s holds no EFI program (*.efi)", dir);
    int rc = CLI_OK;
    do {
        char *name = pxb_utf8_from_wide(found.cFileName, (size_t)-1);
        rc = name != NULL ? take_file(im, dir, sub, name, stage) : cli_fail("out of memory");
        free(name);
    } while (rc == CLI_OK && FindNextFileW(h, &found));
    FindClose(h);
    return rc;
}

/* The arch folders of folder (itself one, or holding them) into im. */
static int take_folder(importing *im, const char *folder)
{
    char sub[MAX_PATH * 3];
    size_t n = strlen(folder), taken = 0;
    for (size_t i = 0; i < ARCH_DIR_COUNT; i++) {
        size_t m = strlen(ARCH_DIRS[i].name);
        if (n >= m && pxb_ascii_same(folder + n - m, ARCH_DIRS[i].name) &&
            (n == m || folder[n - m - 1] == '\\' || folder[n - m - 1] == '/'))
            return take_dir(im, folder, ARCH_DIRS[i].name, ARCH_DIRS[i].stage);
        cli_join_path(folder, ARCH_DIRS[i].name, sub, sizeof sub);
        if (!cli_is_dir(sub))
            continue;
        int rc = take_dir(im, sub, ARCH_DIRS[i].name, ARCH_DIRS[i].stage);
        if (rc != CLI_OK)
            return rc;
        taken++;
    }
    return taken > 0 ? CLI_OK
                     : cli_fail("%s holds neither x86_64-sb nor arm64-sb: give the folder "
                                "ipxeboot.tar.gz unpacks to, or one of those two", folder);
}

/* The ARCH_DIRS index of the arch folder an archive path's EFI program is in
 * ("x86_64-sb/snponly.efi", at any depth), its file name into *name; -1 for other paths. */
static int arch_of(const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    size_t n = strlen(path);
    if (slash == NULL || n < 4 || !pxb_ascii_same(path + n - 4, ".efi"))
        return -1;
    const char *start = slash;
    while (start > path && start[-1] != '/')
        start--;
    char folder[PXB_TAR_PATH_MAX];
    snprintf(folder, sizeof folder, "%.*s", (int)(slash - start), start);
    *name = slash + 1;
    for (size_t i = 0; i < ARCH_DIR_COUNT; i++)
        if (pxb_ascii_same(folder, ARCH_DIRS[i].name))
            return (int)i;
    return -1;
}

/* Takes the EFI programs of the arch folders of tar, the archive file, into im. */
static int take_entries(importing *im, const char *file, const pxb_tar *tar)
{
    char where[PXB_TAR_PATH_MAX + MAX_PATH * 3];
    size_t taken = 0;
    for (size_t i = 0; i < tar->count; i++) {
        const pxb_tar_entry *e = &tar->entry[i];
        const char *name;
        int arch = arch_of(e->path, &name);
        if (arch < 0 || e->type == PXB_TAR_DIR)
            continue;
        snprintf(where, sizeof where, "%s in %s", e->path, file);
        const pxb_tar_entry *real = pxb_tar_follow(tar, e);
        if (real == NULL)
            return cli_fail("%s is a link to nothing in the archive; nothing imported", where);
        char *data = malloc(real->size ? real->size : 1);
        if (data == NULL)
            return cli_fail("out of memory");
        memcpy(data, real->data, real->size);
        int rc = take_program(im, where, ARCH_DIRS[arch].name, name, data, real->size,
                              ARCH_DIRS[arch].stage);
        if (rc != CLI_OK)
            return rc;
        taken++;
    }
    return taken > 0 ? CLI_OK
                     : cli_fail("%s holds no EFI program in x86_64-sb or arm64-sb: is it "
                                "iPXE's signed build?", file);
}

/* The tar archive in raw (len bytes, gzip-compressed or not) into *tar; its bytes in *held
 * (malloc'd when unpacked here, else NULL). 0, or -1 with the reason in err. */
static int open_archive(const char *raw, size_t len, unsigned char **held, pxb_tar *tar,
                        pxb_error *err)
{
    const unsigned char *bytes = (const unsigned char *)raw;
    *held = NULL;
    if (pxb_is_gzip(bytes, len)) {
        *held = pxb_gunzip(bytes, len, ARCHIVE_MAX, &len, err);
        if (*held == NULL)
            return -1;
        bytes = *held;
    }
    return pxb_tar_read(bytes, len, tar, err);
}

/* file as wimboot (its data: len bytes) into root. */
static int import_wimboot(const char *file, const char *data, size_t len, const char *root)
{
    cli_wimboot w;
    int rc = cli_wimboot_check(file, data, len, &w);
    if (rc == CLI_OK)
        rc = cli_wimboot_put(&w, root);
    if (rc == CLI_OK)
        cli_wimboot_print(&w, root);
    return rc;
}

/* The EFI programs of the archive file into im, or the file as wimboot when it is a PE
 * image. A file that is neither is bad usage; a damaged archive a failure. */
static int take_archive(importing *im, const cli_call *call, const char *file)
{
    pxb_error err;
    size_t len;
    char *raw = pxb_file_read(file, ARCHIVE_MAX, &len, &err);
    if (raw == NULL)
        return cli_fail("%s cannot be read: %s", file, err.text);
    unsigned char *held = NULL;
    pxb_tar tar;
    int rc;
    im->wimboot = cli_wimboot_candidate(raw, len);
    if (im->wimboot) {
        rc = import_wimboot(file, raw, len, im->root);
    } else if (open_archive(raw, len, &held, &tar, &err) == 0) {
        rc = take_entries(im, file, &tar);
        pxb_tar_free(&tar);
    } else if (!pxb_is_gzip((const unsigned char *)raw, len)) {
        rc = cli_bad_usage(call->command, "'%s' is neither a folder, a tar archive (%s) nor "
                           "wimboot (no PE image): give ipxeboot.tar.gz, the folder it "
                           "unpacks to, or wimboot as downloaded", file, err.text);
    } else {
        rc = cli_fail("%s cannot be unpacked: %s; nothing imported", file, err.text);
    }
    free(held);
    free(raw);
    return rc;
}

/* Writes and records every program taken, and says what each is. */
static int put_in_place(importing *im)
{
    char path[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX], text[1024];
    pxb_error err;
    for (size_t i = 0; i < im->count; i++) {
        import_file *f = &im->file[i];
        cli_join_path(im->root, f->rel, path, sizeof path);
        if (cli_write_with_folder(path, f->data, f->len, &err) != 0 ||
            cli_image_record(f->rel, f->sha256, 0, &err) != 0)
            return cli_fail("%s cannot be put in place: %s", path, err.text);
        pxb_sig_describe(&f->sigs, text, sizeof text);
        cli_printf(CLI_STDOUT, "  %-28s %9zu bytes  %s\n", f->rel, f->len, text);
    }
    return CLI_OK;
}

static void free_files(importing *im)
{
    for (size_t i = 0; i < im->count; i++)
        free(im->file[i].data);
}

int cli_firmware_import(const cli_call *call)
{
    static importing im;
    pxb_error err;
    if (call->args.word_count != 1)
        return cli_bad_usage(call->command, "give iPXE's signed build (ipxeboot.tar.gz, or "
                             "the folder it unpacks to) or wimboot as downloaded");
    const char *from = call->args.words[0];
    memset(&im, 0, sizeof im);
    if (cli_stored_tftp_root(im.root, sizeof im.root, &err) != 0)
        return cli_fail("the settings cannot be read, so neither can TftpRoot: %s", err.text);
    int rc = cli_is_dir(from) ? take_folder(&im, from) : take_archive(&im, call, from);
    if (rc != CLI_OK || im.wimboot) {
        free_files(&im);
        return rc;
    }
    cli_printf(CLI_STDOUT, "Imported into %s, links resolved into files:\n", im.root);
    rc = put_in_place(&im);
    if (rc == CLI_OK)
        cli_printf(CLI_STDOUT, "Hand x64 UEFI clients iPXE's signed build with 'pxebridge "
                   "config set UefiX64File=x86_64-sb/snponly-shim.efi' (the shim loads "
                   "snponly.efi beside it).\n");
    free_files(&im);
    return rc;
}

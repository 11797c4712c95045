/* winpe_source.c: SOURCE and the injected files of `winpe add` read and checked before
 * anything is copied (see winpe_source.h). */
#include "winpe_source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "console.h"
#include "image_paths.h"
#include "osfile.h"
#include "wim_xml.h"

/* The boot files of a copype folder: where under media\, and their flat names. */
static const struct {
    const char *rel, *name;
} BOOT_FILES[] = {{"bootmgr", "bootmgr"}, {"Boot\\BCD", "BCD"}, {"Boot\\boot.sdi", "boot.sdi"}};
#define BOOT_FILE_COUNT (sizeof BOOT_FILES / sizeof BOOT_FILES[0])

static void add_part(cli_winpe_source *out, const char *name, const char *from, int injected)
{
    cli_winpe_part *p = &out->parts[out->count++];
    snprintf(p->name, sizeof p->name, "%s", name);
    snprintf(p->from, sizeof p->from, "%s", from);
    p->injected = injected;
}

/* The WIM's header, XML metadata and the image picked from the open file f of size. */
static int check_wim_file(FILE *f, long long size, const cli_winpe_request *req,
                          pxb_wim_image *img, pxb_error *err)
{
    uint8_t head[PXB_WIM_HEADER_SIZE];
    pxb_wim_header hdr;
    size_t got = fread(head, 1, sizeof head, f);
    if (pxb_wim_header_read(head, got, (uint64_t)size, &hdr, err) != 0)
        return -1;
    uint8_t *xml_bytes = malloc((size_t)hdr.xml.size);
    pxb_wim_xml *xml = malloc(sizeof *xml);
    int rc = xml_bytes != NULL && xml != NULL ? 0 : pxb_error_set(err, "out of memory");
    if (rc == 0 && (_fseeki64(f, (long long)hdr.xml.offset, SEEK_SET) != 0 ||
                    fread(xml_bytes, 1, (size_t)hdr.xml.size, f) != hdr.xml.size))
        rc = pxb_error_set(err, "its XML metadata cannot be read");
    if (rc == 0)
        rc = pxb_wim_xml_read(xml_bytes, (size_t)hdr.xml.size, xml, err);
    if (rc == 0)
        rc = pxb_wim_pick(&hdr, xml, req->index, req->arch, img, err);
    free(xml_bytes);
    free(xml);
    return rc;
}

/* Checks the WIM at path. CLI_OK, or CLI_FAILED saying what is wrong with it. */
static int check_wim(const char *path, const cli_winpe_request *req, pxb_wim_image *img)
{
    pxb_error err;
    FILE *f = pxb_osfile_open(path, "rb");
    if (f == NULL)
        return cli_fail("%s cannot be opened: %s", path, strerror(errno));
    long long size = _fseeki64(f, 0, SEEK_END) == 0 ? _ftelli64(f) : -1;
    pxb_error_clear(&err);
    int rc = size >= 0 && _fseeki64(f, 0, SEEK_SET) == 0
                 ? check_wim_file(f, size, req, img, &err)
                 : pxb_error_set(&err, "its size cannot be told");
    fclose(f);
    if (rc != 0)
        return cli_fail("%s is refused: %s; nothing was copied", path, err.text);
    return CLI_OK;
}

/* SOURCE: a WIM file, or a copype folder (or its media folder). The WIM's path into wim,
 * the boot files the folder holds into out. */
static int take_source(const cli_command *cmd, const char *source, char *wim, size_t wim_len,
                       cli_winpe_source *out)
{
    char media[CLI_WINPE_FROM_MAX], path[CLI_WINPE_FROM_MAX];
    if (cli_is_file(source)) {
        snprintf(wim, wim_len, "%s", source);
        add_part(out, "boot.wim", source, 0);
        return CLI_OK;
    }
    if (!cli_is_dir(source))
        return cli_bad_usage(cmd, "SOURCE %s is not there: give a boot.wim, or the folder "
                             "copype made (holding media\\sources\\boot.wim)", source);
    cli_join_path(source, "media", media, sizeof media);
    if (!cli_is_dir(media))
        snprintf(media, sizeof media, "%s", source);
    cli_join_path(media, "sources\\boot.wim", wim, wim_len);
    if (!cli_is_file(wim))
        return cli_bad_usage(cmd, "the folder %s holds no media\\sources\\boot.wim: give a "
                             "boot.wim, or the folder copype made", source);
    add_part(out, "boot.wim", wim, 0);
    for (size_t i = 0; i < BOOT_FILE_COUNT; i++) {
        cli_join_path(media, BOOT_FILES[i].rel, path, sizeof path);
        if (cli_is_file(path))
            add_part(out, BOOT_FILES[i].name, path, 0);
    }
    return CLI_OK;
}

/* The base name of a path given as FILE ("C:\pe\winpeshl.ini" -> "winpeshl.ini"). */
static const char *base_name(const char *path)
{
    const char *base = path;
    for (const char *p = path; *p != '\0'; p++)
        if (*p == '\\' || *p == '/' || *p == ':')
            base = p + 1;
    return base;
}

static int take_inject(const cli_command *cmd, const char *file, cli_winpe_source *out)
{
    pxb_error err;
    const char *name = base_name(file);
    if (!cli_is_file(file))
        return cli_bad_usage(cmd, "--inject %s is not there: give a file such as "
                             "winpeshl.ini, startnet.cmd or unattend.xml", file);
    if (pxb_winpe_file_name_check(name, &err) != 0)
        return cli_bad_usage(cmd, "--inject %s: %s", file, err.text);
    for (size_t i = 0; i < out->count; i++)
        if (pxb_ascii_same(out->parts[i].name, name))
            return cli_bad_usage(cmd, "--inject %s: the image already has a file named %s "
                                 "(wimboot's names are flat and ignore case)", file, name);
    if (out->count == PXB_WINPE_FILES_MAX)
        return cli_bad_usage(cmd, "more than %d files in one image", PXB_WINPE_FILES_MAX);
    add_part(out, name, file, 1);
    return CLI_OK;
}

int cli_winpe_source_read(const cli_command *cmd, const cli_winpe_request *req,
                          cli_winpe_source *out)
{
    char wim[CLI_WINPE_FROM_MAX];
    out->count = 0;
    int rc = take_source(cmd, req->source, wim, sizeof wim, out);
    for (size_t i = 0; rc == CLI_OK && i < req->inject_count; i++)
        rc = take_inject(cmd, req->inject[i], out);
    return rc == CLI_OK ? check_wim(wim, req, &out->image) : rc;
}

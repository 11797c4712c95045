/* cmd_winpe_add.c: `pxebridge winpe add NAME SOURCE [--inject FILE]... [--index N]
 * [--arch x86|x64|arm64] [--replace] [--json]`: brings a Windows PE image into the TFTP root
 * for wimboot. Everything is checked first (NAME, the options, SOURCE and the WIM down to
 * the image to boot: winpe_source.h); only then is each file copied into winpe\NAME\ by an
 * atomic copy (file_copy.h), and the catalog (winpe_store.h) replaced whole with the
 * image's entry: files, sizes, SHA-256. A NAME in the catalog already is refused unless
 * --replace; a failed copy of a new image takes its copied files away again. --wimboot FILE
 * also brings wimboot as downloaded (wimboot_import.h), checked with the rest and put in
 * place after the image is recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "console.h"
#include "file_copy.h"
#include "osfile.h"
#include "winpe_report.h"
#include "winpe_source.h"
#include "winpe_store.h"
#include "wimboot_import.h"

static const pxb_option OPTIONS[] = {
    {"inject", 0, "FILE", 1,
     "a file wimboot places in \\Windows\\System32 (winpeshl.ini, startnet.cmd, unattend.xml)"},
    {"index", 0, "N", 0, "the WIM image to boot (default: the WIM's boot index)"},
    {"arch", 0, "ARCH", 0,
     "x86, x64 or arm64: the image must be for it (names it where the WIM does not)"},
    {"replace", 0, NULL, 0, "replace the image of that NAME"},
    {"wimboot", 0, "FILE", 0,
     "also bring wimboot as downloaded into the TFTP root (as firmware import FILE does)"},
};

const pxb_option_table cli_winpe_add_options = {OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0]};

/* What one add works on. */
typedef struct adding {
    const cli_call *call;
    const char *name;
    cli_winpe_request req;
    cli_winpe_source src;
    cli_winpe_store store;
    pxb_winpe_image img;
    const pxb_winpe_image *old; /* the entry --replace replaces, or NULL */
    cli_wimboot wimboot;        /* --wimboot FILE's, when given (wimboot.file set) */
} adding;

/* NAME, SOURCE and the options into a->req. CLI_OK or CLI_USAGE. */
static int read_request(adding *a)
{
    const cli_call *call = a->call;
    const char *arch = pxb_cli_value(&call->args, "arch");
    const char *index = pxb_cli_value(&call->args, "index");
    pxb_error err;
    if (call->args.word_count != 2)
        return cli_bad_usage(call->command, "give NAME and SOURCE");
    a->name = call->args.words[0];
    a->req.source = call->args.words[1];
    if (pxb_winpe_name_check(a->name, &err) != 0)
        return cli_bad_usage(call->command, "%s", err.text);
    a->req.arch = arch != NULL ? pxb_wim_arch_parse(arch) : PXB_WIM_ARCH_NONE;
    if (arch != NULL && a->req.arch == PXB_WIM_ARCH_NONE)
        return cli_bad_usage(call->command, "unknown architecture '%s': give x86, x64 or "
                             "arm64", arch);
    char *end = NULL;
    unsigned long n = index != NULL ? strtoul(index, &end, 10) : 0;
    if (index != NULL && (index[0] < '1' || index[0] > '9' || *end != '\0' || n > 0xffff))
        return cli_bad_usage(call->command, "--index %s is not a WIM image number (1, 2, ...)",
                             index);
    a->req.index = (unsigned)n;
    a->req.inject_count = pxb_cli_values(&call->args, "inject", a->req.inject,
                                         PXB_WINPE_FILES_MAX);
    return CLI_OK;
}

/* The catalog entry for NAME: a new one (refused if there is one, unless --replace). */
static int check_catalog(adding *a)
{
    a->old = pxb_winpe_catalog_find(&a->store.cat, a->name);
    if (a->old != NULL && !pxb_cli_has(&a->call->args, "replace"))
        return cli_fail("a WinPE image named %s is in the catalog already: give --replace to "
                        "replace it, or 'winpe remove %s' first; nothing was copied",
                        a->old->name, a->old->name);
    if (a->old == NULL && a->store.cat.count == PXB_WINPE_IMAGES_MAX)
        return cli_fail("the catalog holds %d images, as many as it can: 'winpe remove' one "
                        "first", PXB_WINPE_IMAGES_MAX);
    return CLI_OK;
}

/* Takes away the files this add copied (a new image's: a replaced one's stay as copied). */
static void undo_copies(const adding *a, size_t copied)
{
    char path[CLI_WINPE_FROM_MAX];
    for (size_t i = 0; a->old == NULL && i < copied; i++) {
        cli_winpe_path(&a->store, a->name, a->img.files[i].name, path, sizeof path);
        pxb_osfile_remove(path);
    }
}

static int copy_parts(adding *a)
{
    char to[CLI_WINPE_FROM_MAX];
    pxb_error err;
    for (size_t i = 0; i < a->src.count; i++) {
        const cli_winpe_part *p = &a->src.parts[i];
        pxb_winpe_file *f = &a->img.files[i];
        unsigned long long size;
        cli_winpe_path(&a->store, a->name, p->name, to, sizeof to);
        if (cli_copy_atomic(p->from, to, f->sha256, &size, &err) != 0) {
            undo_copies(a, i);
            return cli_fail("%s cannot be copied: %s; the catalog is unchanged", p->from,
                            err.text);
        }
        snprintf(f->name, sizeof f->name, "%s", p->name);
        f->size = size;
        f->injected = p->injected;
        a->img.file_count = i + 1;
    }
    return CLI_OK;
}

/* The entry of the new image from the WIM's picked image. */
static void make_entry(adding *a)
{
    const pxb_wim_image *w = &a->src.image;
    memset(&a->img, 0, sizeof a->img);
    snprintf(a->img.name, sizeof a->img.name, "%s", a->name);
    pxb_winpe_arch_parse(pxb_wim_arch_name(w->arch), &a->img.arch);
    a->img.index = w->index;
    snprintf(a->img.image_name, sizeof a->img.image_name, "%s", w->name);
    snprintf(a->img.version, sizeof a->img.version, "%s", w->version);
}

/* Removes the files of the replaced entry the new one no longer has. */
static void remove_stale(const adding *a, const pxb_winpe_image *old)
{
    char path[CLI_WINPE_FROM_MAX];
    for (size_t i = 0; i < old->file_count; i++) {
        size_t k = 0;
        while (k < a->img.file_count && strcmp(a->img.files[k].name, old->files[i].name) != 0)
            k++;
        if (k == a->img.file_count) {
            cli_winpe_path(&a->store, a->name, old->files[i].name, path, sizeof path);
            pxb_osfile_remove(path);
        }
    }
}

/* Puts the entry into the catalog and writes it. */
static int record(adding *a)
{
    pxb_error err;
    pxb_winpe_image old;
    pxb_winpe_catalog *cat = &a->store.cat;
    pxb_winpe_image *slot = a->old != NULL ? (pxb_winpe_image *)a->old
                                           : &cat->images[cat->count++];
    if (a->old != NULL)
        old = *a->old;
    *slot = a->img;
    if (cli_winpe_save(&a->store, &err) != 0) {
        undo_copies(a, a->img.file_count);
        return cli_fail("the WinPE catalog cannot be written: %s (run as an administrator?)",
                        err.text);
    }
    if (a->old != NULL)
        remove_stale(a, &old);
    return CLI_OK;
}

/* --wimboot FILE read and checked into a->wimboot; CLI_OK without the option. */
static int read_wimboot(adding *a)
{
    const char *file = pxb_cli_value(&a->call->args, "wimboot");
    return file != NULL ? cli_wimboot_read(file, &a->wimboot) : CLI_OK;
}

static int put_wimboot(adding *a)
{
    return a->wimboot.file != NULL ? cli_wimboot_put(&a->wimboot, a->store.root) : CLI_OK;
}

static int report(const adding *a)
{
    char folder[CLI_WINPE_FROM_MAX];
    if (a->call->json) {
        pxb_json j;
        pxb_json_init(&j);
        pxb_json_begin_object(&j);
        cli_winpe_json_fields(&j, &a->img);
        if (a->wimboot.file != NULL) {
            pxb_json_key(&j, "wimboot");
            cli_wimboot_json(&j, &a->wimboot);
        }
        pxb_json_end_object(&j);
        return cli_put_json(&j);
    }
    cli_winpe_path(&a->store, a->name, NULL, folder, sizeof folder);
    cli_printf(CLI_STDOUT, "%s WinPE image %s in %s\n", a->old ? "Replaced" : "Added", a->name,
               folder);
    cli_winpe_print(&a->img);
    if (a->wimboot.file != NULL)
        cli_wimboot_print(&a->wimboot, a->store.root);
    return CLI_OK;
}

int cli_winpe_add(const cli_call *call)
{
    adding *a = calloc(1, sizeof *a);
    if (a == NULL)
        return cli_fail("out of memory");
    a->call = call;
    int rc = read_request(a);
    if (rc == CLI_OK)
        rc = cli_winpe_load(&a->store);
    if (rc == CLI_OK)
        rc = check_catalog(a);
    if (rc == CLI_OK)
        rc = read_wimboot(a);
    if (rc == CLI_OK)
        rc = cli_winpe_source_read(call->command, &a->req, &a->src);
    if (rc == CLI_OK) {
        make_entry(a);
        rc = copy_parts(a);
    }
    if (rc == CLI_OK)
        rc = record(a);
    if (rc == CLI_OK)
        rc = put_wimboot(a);
    if (rc == CLI_OK)
        rc = report(a);
    cli_wimboot_free(&a->wimboot);
    free(a);
    return rc;
}

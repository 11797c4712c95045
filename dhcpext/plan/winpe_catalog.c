/* winpe_catalog.c: the WinPE catalog's text read and written, its images found by name
 * (see winpe_catalog.h). */
#include "winpe_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "text_out.h"

#define LINE_MAX_LEN 512
#define SHA256_HEX_LEN 64

static const char *const ARCH_NAMES[] = {"x86", "x64", "arm64"};

const char *pxb_winpe_arch_name(enum pxb_winpe_arch arch)
{
    return (unsigned)arch < 3 ? ARCH_NAMES[arch] : "?";
}

int pxb_winpe_arch_parse(const char *name, enum pxb_winpe_arch *out)
{
    for (int i = 0; i < 3; i++) {
        if (pxb_ascii_same(name, ARCH_NAMES[i])) {
            *out = (enum pxb_winpe_arch)i;
            return 0;
        }
    }
    return -1;
}

int pxb_winpe_name_check(const char *name, pxb_error *err)
{
    size_t n = strlen(name);
    if (n == 0 || n >= PXB_WINPE_NAME_MAX)
        return pxb_error_set(err, "the image name '%s' must be 1 to %d characters", name,
                             PXB_WINPE_NAME_MAX - 1);
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return pxb_error_set(err, "the image name '%s' may hold only letters, digits, '-' "
                                      "and '_' (it becomes a folder and a menu entry)", name);
    }
    return 0;
}

int pxb_winpe_file_name_check(const char *name, pxb_error *err)
{
    size_t n = strlen(name);
    if (n == 0 || n >= PXB_WINPE_FILE_NAME_MAX)
        return pxb_error_set(err, "the file name '%s' must be 1 to %d characters", name,
                             PXB_WINPE_FILE_NAME_MAX - 1);
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return pxb_error_set(err, "'%s' is not a file name", name);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] <= ' ' || strchr("/\\:*?\"<>|", name[i]) != NULL)
            return pxb_error_set(err, "the file name '%s' holds a folder separator, blank "
                                      "or character Windows does not allow", name);
    return 0;
}

/* The text of a File= or Inject= line, "NAME SIZE SHA256", into f. */
static int parse_file(const char *value, pxb_winpe_file *f, pxb_error *err)
{
    char name[LINE_MAX_LEN], size[LINE_MAX_LEN], sum[LINE_MAX_LEN], extra;
    if (sscanf(value, "%511s %511s %511s %c", name, size, sum, &extra) != 3 ||
        strspn(size, "0123456789") != strlen(size) || strlen(size) > 19)
        return pxb_error_set(err, "expected 'NAME SIZE SHA256', not '%s'", value);
    if (pxb_winpe_file_name_check(name, err) != 0)
        return -1;
    if (strlen(sum) != SHA256_HEX_LEN || strspn(sum, "0123456789abcdef") != SHA256_HEX_LEN)
        return pxb_error_set(err, "'%s' is not a SHA-256 in 64 lower-case hex digits", sum);
    memcpy(f->name, name, strlen(name) + 1); /* checked to fit */
    f->size = strtoull(size, NULL, 10);
    memcpy(f->sha256, sum, SHA256_HEX_LEN + 1);
    return 0;
}

static int add_file(pxb_winpe_image *img, const char *value, int injected, pxb_error *err)
{
    if (img->file_count == PXB_WINPE_FILES_MAX)
        return pxb_error_set(err, "image %s has more than %d files", img->name,
                             PXB_WINPE_FILES_MAX);
    pxb_winpe_file *f = &img->files[img->file_count];
    memset(f, 0, sizeof *f);
    if (parse_file(value, f, err) != 0)
        return -1;
    for (size_t i = 0; i < img->file_count; i++)
        if (pxb_ascii_same(img->files[i].name, f->name))
            return pxb_error_set(err, "image %s lists %s twice", img->name, f->name);
    f->injected = injected;
    img->file_count++;
    return 0;
}

static int set_text(char *out, size_t out_len, const char *value, const char *key,
                    pxb_error *err)
{
    if (strlen(value) >= out_len)
        return pxb_error_set(err, "%s is longer than %zu characters", key, out_len - 1);
    snprintf(out, out_len, "%s", value);
    return 0;
}

static int set_index(pxb_winpe_image *img, const char *value, pxb_error *err)
{
    char *end;
    unsigned long v = strtoul(value, &end, 10);
    if (value[0] < '1' || value[0] > '9' || *end != '\0' || v > 0xffff)
        return pxb_error_set(err, "Index must be a WIM image number from 1, not '%s'", value);
    img->index = (unsigned)v;
    return 0;
}

/* What a catalog line of an image sets; *seen gathers the keys given (bit per key). */
static int set_value(pxb_winpe_image *img, const char *key, const char *value,
                     unsigned *seen, pxb_error *err)
{
    if (strcmp(key, "Arch") == 0) {
        *seen |= 1u;
        return pxb_winpe_arch_parse(value, &img->arch) == 0
                   ? 0 : pxb_error_set(err, "Arch must be x86, x64 or arm64, not '%s'", value);
    }
    if (strcmp(key, "Index") == 0) {
        *seen |= 2u;
        return set_index(img, value, err);
    }
    if (strcmp(key, "ImageName") == 0)
        return set_text(img->image_name, sizeof img->image_name, value, key, err);
    if (strcmp(key, "Version") == 0)
        return set_text(img->version, sizeof img->version, value, key, err);
    if (strcmp(key, "File") == 0 || strcmp(key, "Inject") == 0)
        return add_file(img, value, key[0] == 'I', err);
    return pxb_error_set(err, "unknown key '%s' (Arch, Index, ImageName, Version, File, "
                              "Inject)", key);
}

/* Checks the image just read: its required keys and its WIM. */
static int check_image(const pxb_winpe_image *img, unsigned seen, pxb_error *err)
{
    if (!(seen & 1u))
        return pxb_error_set(err, "image %s has no Arch", img->name);
    if (!(seen & 2u))
        return pxb_error_set(err, "image %s has no Index", img->name);
    if (img->file_count == 0 || img->files[0].injected ||
        !pxb_ascii_same(img->files[0].name, "boot.wim"))
        return pxb_error_set(err, "image %s does not list File=boot.wim first", img->name);
    return 0;
}

/* The state of a parse: the catalog so far, the image being read and its keys. */
typedef struct parsing {
    pxb_winpe_catalog *cat;
    pxb_winpe_image *img;
    unsigned seen;
    unsigned img_line; /* the line of its [NAME] */
} parsing;

static int end_image(parsing *ps, pxb_error *err)
{
    if (ps->img == NULL)
        return 0;
    if (check_image(ps->img, ps->seen, err) != 0) {
        pxb_error_prefix(err, "line %u", ps->img_line);
        return -1;
    }
    ps->cat->count++;
    ps->img = NULL;
    return 0;
}

static int start_image(parsing *ps, const char *line, unsigned line_no, pxb_error *err)
{
    char name[LINE_MAX_LEN];
    size_t n = strlen(line);
    if (line[n - 1] != ']')
        return pxb_error_set(err, "expected '[NAME]', not '%s'", line);
    if (end_image(ps, err) != 0)
        return -1;
    snprintf(name, sizeof name, "%.*s", (int)(n - 2), line + 1);
    if (pxb_winpe_name_check(name, err) != 0)
        return -1;
    if (pxb_winpe_catalog_find(ps->cat, name) != NULL)
        return pxb_error_set(err, "image %s is listed twice", name);
    if (ps->cat->count == PXB_WINPE_IMAGES_MAX)
        return pxb_error_set(err, "more than %d images", PXB_WINPE_IMAGES_MAX);
    ps->img = &ps->cat->images[ps->cat->count];
    memset(ps->img, 0, sizeof *ps->img);
    memcpy(ps->img->name, name, strlen(name) + 1); /* checked to fit */
    ps->seen = 0;
    ps->img_line = line_no;
    return 0;
}

static int parse_line(parsing *ps, char *line, unsigned line_no, pxb_error *err)
{
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
        line[--n] = '\0';
    if (n == 0 || line[0] == '#')
        return 0;
    if (line[0] == '[')
        return start_image(ps, line, line_no, err);
    char *eq = strchr(line, '=');
    if (eq == NULL)
        return pxb_error_set(err, "expected KEY=VALUE or [NAME], not '%s'", line);
    if (ps->img == NULL)
        return pxb_error_set(err, "'%s' comes before any [NAME]", line);
    *eq = '\0';
    return set_value(ps->img, line, eq + 1, &ps->seen, err);
}

/* Parses text into *cat (a scratch copy the caller frees). */
static int parse_all(const char *text, pxb_winpe_catalog *cat, pxb_error *err)
{
    parsing ps = {cat, NULL, 0, 0};
    unsigned line_no = 0;
    for (const char *p = text; *p != '\0';) {
        char line[LINE_MAX_LEN];
        size_t n = strcspn(p, "\n");
        line_no++;
        if (n >= sizeof line)
            return pxb_error_set(err, "line %u: longer than %d characters", line_no,
                                 LINE_MAX_LEN - 1);
        memcpy(line, p, n);
        line[n] = '\0';
        p += n + (p[n] == '\n');
        if (parse_line(&ps, line, line_no, err) != 0) {
            pxb_error_prefix(err, "line %u", line_no);
            return -1;
        }
    }
    return end_image(&ps, err);
}

int pxb_winpe_catalog_parse(const char *text, pxb_winpe_catalog *out, pxb_error *err)
{
    pxb_winpe_catalog *cat = calloc(1, sizeof *cat);
    if (cat == NULL)
        return pxb_error_set(err, "out of memory");
    int rc = parse_all(text, cat, err);
    if (rc == 0)
        *out = *cat;
    free(cat);
    return rc;
}

/* Writes key=text, a control character (which would end the line) as a blank. */
static void put_text(pxb_text *t, const char *key, const char *text)
{
    if (text[0] == '\0')
        return;
    pxb_text_printf(t, "%s=", key);
    for (const char *p = text; *p != '\0'; p++)
        pxb_text_printf(t, "%c", (unsigned char)*p < ' ' ? ' ' : *p);
    pxb_text_put(t, "\n");
}

static void format_image(pxb_text *t, const pxb_winpe_image *img)
{
    pxb_text_printf(t, "[%s]\nArch=%s\nIndex=%u\n", img->name, pxb_winpe_arch_name(img->arch),
                    img->index);
    put_text(t, "ImageName", img->image_name);
    put_text(t, "Version", img->version);
    for (size_t i = 0; i < img->file_count; i++) {
        const pxb_winpe_file *f = &img->files[i];
        pxb_text_printf(t, "%s=%s %llu %s\n", f->injected ? "Inject" : "File", f->name,
                        (unsigned long long)f->size, f->sha256);
    }
    pxb_text_printf(t, "\n");
}

size_t pxb_winpe_catalog_format(const pxb_winpe_catalog *cat, char *out, size_t out_len)
{
    pxb_text t;
    pxb_text_init(&t, out, out_len);
    pxb_text_printf(&t, "# pxebridge WinPE catalog: written by pxebridge winpe add|remove; "
                        "do not edit\n");
    for (size_t i = 0; i < cat->count; i++)
        format_image(&t, &cat->images[i]);
    return t.len;
}

const pxb_winpe_image *pxb_winpe_catalog_find(const pxb_winpe_catalog *cat, const char *name)
{
    for (size_t i = 0; i < cat->count; i++)
        if (pxb_ascii_same(cat->images[i].name, name))
            return &cat->images[i];
    return NULL;
}

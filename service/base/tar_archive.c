/* tar_archive.c: a tar archive's entries read in memory, and its links followed (see
 * tar_archive.h). A header is one 512-byte block; a file's data follows it, padded to whole
 * blocks; two zero blocks (or the end of the data) end the archive. GNU tar puts a name
 * longer than the header's 100 bytes in an entry of type 'L' ('K' for a link target) before
 * the entry it names; pax puts it in an 'x' entry's "path" or "linkpath" record. */
#include "tar_archive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 512
#define NAME_AT 0
#define NAME_LEN 100
#define SIZE_AT 124
#define SIZE_LEN 12
#define SUM_AT 148
#define SUM_LEN 8
#define TYPE_AT 156
#define LINK_AT 157
#define LINK_LEN 100
#define MAGIC_AT 257
#define PREFIX_AT 345
#define PREFIX_LEN 155
#define MAX_HOPS 8

/* What the entries before a header said about it ('L', 'K', 'x'). */
typedef struct pending {
    char path[PXB_TAR_PATH_MAX], link[PXB_TAR_PATH_MAX];
} pending;

/* Reads the octal number of a header field (digits, ended by a space or NUL). */
static int read_octal(const unsigned char *field, size_t n, unsigned long long *out)
{
    size_t i = 0;
    *out = 0;
    while (i < n && field[i] == ' ')
        i++;
    if (i == n || field[i] < '0' || field[i] > '7')
        return -1;
    for (; i < n && field[i] >= '0' && field[i] <= '7'; i++) {
        if (*out >> 60)
            return -1;
        *out = *out * 8 + (unsigned)(field[i] - '0');
    }
    return i == n || field[i] == ' ' || field[i] == '\0' ? 0 : -1;
}

static int is_zero_block(const unsigned char *b)
{
    for (size_t i = 0; i < BLOCK; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

/* True if the header's checksum (its bytes summed, the checksum field as spaces) holds. */
static int sum_holds(const unsigned char *h)
{
    unsigned long long stored, sum = 0;
    if (read_octal(h + SUM_AT, SUM_LEN, &stored) != 0)
        return 0;
    for (size_t i = 0; i < BLOCK; i++)
        sum += i >= SUM_AT && i < SUM_AT + SUM_LEN ? ' ' : h[i];
    return sum == stored;
}

/* Copies a header field (NUL-terminated when shorter than n) to the end of out. */
static void append_field(char *out, const unsigned char *field, size_t n)
{
    size_t used = strlen(out), len = strnlen((const char *)field, n);
    memcpy(out + used, field, len);
    out[used + len] = '\0';
}

/* Takes "./" and "/" off the front of path and "/" off its end. */
static void clean_path(char *path)
{
    size_t skip = 0;
    while (path[skip] == '/' || (path[skip] == '.' && path[skip + 1] == '/'))
        skip += path[skip] == '/' ? 1 : 2;
    memmove(path, path + skip, strlen(path + skip) + 1);
    size_t n = strlen(path);
    while (n > 0 && path[n - 1] == '/')
        path[--n] = '\0';
}

/* Sets text from a long-name entry's data ('L', 'K', or a pax record's value). */
static int take_long(char *text, const unsigned char *data, size_t n, pxb_error *err)
{
    size_t len = strnlen((const char *)data, n);
    if (len >= PXB_TAR_PATH_MAX)
        return pxb_error_set(err, "a name of %zu bytes (at most %d are taken)", len,
                             PXB_TAR_PATH_MAX - 1);
    memcpy(text, data, len);
    text[len] = '\0';
    return 0;
}

/* Takes the "path" and "linkpath" records of a pax header's data into p. */
static int take_pax(pending *p, const unsigned char *data, size_t n, pxb_error *err)
{
    size_t at = 0;
    while (at < n) {
        size_t len = 0, i = at;
        for (; i < n && data[i] >= '0' && data[i] <= '9' && len < n; i++)
            len = len * 10 + (size_t)(data[i] - '0');
        if (i == at || i >= n || data[i] != ' ' || len < i - at + 2 || len > n - at ||
            data[at + len - 1] != '\n')
            return pxb_error_set(err, "a damaged pax header");
        const unsigned char *key = data + i + 1, *end = data + at + len - 1;
        const unsigned char *eq = memchr(key, '=', (size_t)(end - key));
        if (eq == NULL)
            return pxb_error_set(err, "a damaged pax header");
        size_t key_len = (size_t)(eq - key), value_len = (size_t)(end - eq - 1);
        char *into = key_len == 4 && memcmp(key, "path", 4) == 0       ? p->path
                     : key_len == 8 && memcmp(key, "linkpath", 8) == 0 ? p->link
                                                                       : NULL;
        if (into != NULL && take_long(into, eq + 1, value_len, err) != 0)
            return -1;
        at += len;
    }
    return 0;
}

static enum pxb_tar_type type_of(unsigned char flag)
{
    switch (flag) {
    case '0': case '\0': case '7': return PXB_TAR_FILE;
    case '1': return PXB_TAR_HARDLINK;
    case '2': return PXB_TAR_SYMLINK;
    case '5': return PXB_TAR_DIR;
    default: return PXB_TAR_OTHER;
    }
}

/* Fills e from the header h (and what the entries before it said); data is its bytes. The
 * path is "" for the archive's top folder ("./"). */
static int fill_entry(pxb_tar_entry *e, const unsigned char *h, const pending *p,
                      const unsigned char *data, size_t size, pxb_error *err)
{
    memset(e, 0, sizeof *e);
    if (p->path[0] != '\0') {
        memcpy(e->path, p->path, sizeof e->path);
    } else {
        if (memcmp(h + MAGIC_AT, "ustar", 5) == 0 && h[PREFIX_AT] != '\0') {
            append_field(e->path, h + PREFIX_AT, PREFIX_LEN);
            strcat(e->path, "/");
        }
        append_field(e->path, h + NAME_AT, NAME_LEN);
    }
    if (p->link[0] != '\0')
        memcpy(e->link, p->link, sizeof e->link);
    else
        append_field(e->link, h + LINK_AT, LINK_LEN);
    clean_path(e->path);
    e->type = type_of(h[TYPE_AT]);
    e->data = e->type == PXB_TAR_FILE ? data : NULL;
    e->size = e->type == PXB_TAR_FILE ? size : 0;
    if (e->path[0] == '\0' && e->type != PXB_TAR_DIR)
        return pxb_error_set(err, "an entry without a name");
    return 0;
}

/* Reads one header at data[*at] and what follows it; 1 at the end of the archive. */
static int read_one(const unsigned char *data, size_t len, size_t *at, pending *p,
                    pxb_tar *out, pxb_error *err)
{
    const unsigned char *h = data + *at;
    if (len - *at < BLOCK || is_zero_block(h))
        return 1;
    unsigned long long size;
    if (!sum_holds(h))
        return pxb_error_set(err, "no tar header at byte %zu (its checksum does not hold)", *at);
    if (read_octal(h + SIZE_AT, SIZE_LEN, &size) != 0 || size > len - *at - BLOCK)
        return pxb_error_set(err, "the entry at byte %zu is cut short", *at);
    const unsigned char *body = h + BLOCK;
    *at += BLOCK + (size_t)((size + BLOCK - 1) / BLOCK * BLOCK);
    if (*at > len)
        *at = len; /* the last entry's padding may be missing */
    switch (h[TYPE_AT]) {
    case 'L': return take_long(p->path, body, (size_t)size, err);
    case 'K': return take_long(p->link, body, (size_t)size, err);
    case 'x': return take_pax(p, body, (size_t)size, err);
    case 'g': return 0; /* global pax records: nothing pxebridge reads */
    default: break;
    }
    if (out->count == PXB_TAR_ENTRIES_MAX)
        return pxb_error_set(err, "more than %d entries", PXB_TAR_ENTRIES_MAX);
    pxb_tar_entry *e = &out->entry[out->count];
    if (fill_entry(e, h, p, body, (size_t)size, err) != 0)
        return -1;
    if (e->path[0] != '\0')
        out->count++; /* else "./", the archive's top folder: nothing to keep */
    memset(p, 0, sizeof *p);
    return 0;
}

int pxb_tar_read(const unsigned char *data, size_t len, pxb_tar *out, pxb_error *err)
{
    pending p = {{0}, {0}};
    size_t at = 0;
    out->count = 0;
    out->entry = malloc(PXB_TAR_ENTRIES_MAX * sizeof *out->entry);
    if (out->entry == NULL)
        return pxb_error_set(err, "out of memory");
    if (len < BLOCK || is_zero_block(data) || !sum_holds(data)) {
        pxb_tar_free(out);
        return pxb_error_set(err, "it is no tar archive");
    }
    int rc;
    while ((rc = read_one(data, len, &at, &p, out, err)) == 0)
        ;
    if (rc < 0)
        pxb_tar_free(out);
    return rc < 0 ? -1 : 0;
}

void pxb_tar_free(pxb_tar *tar)
{
    free(tar->entry);
    tar->entry = NULL;
    tar->count = 0;
}

/* Resolves "." and ".." in path (parts split by '/'). -1 if ".." leaves the top. */
static int resolve_dots(char *path)
{
    size_t used = 0, at = 0;
    while (path[at] != '\0') {
        size_t n = strcspn(path + at, "/");
        const char *part = path + at;
        if (n == 2 && part[0] == '.' && part[1] == '.') {
            if (used == 0)
                return -1;
            while (used > 0 && path[used - 1] != '/')
                used--;
            used = used > 0 ? used - 1 : 0;
        } else if (n > 0 && !(n == 1 && part[0] == '.')) {
            if (used > 0)
                path[used++] = '/';
            memmove(path + used, part, n);
            used += n;
        }
        at += n + (part[n] == '/');
    }
    path[used] = '\0';
    return 0;
}

static const pxb_tar_entry *find(const pxb_tar *tar, const char *path)
{
    for (size_t i = 0; i < tar->count; i++)
        if (strcmp(tar->entry[i].path, path) == 0)
            return &tar->entry[i];
    return NULL;
}

/* The path a link entry points to, into target (PXB_TAR_PATH_MAX * 2 bytes); -1 if it
 * leads outside the archive. */
static int link_target(const pxb_tar_entry *e, char *target, size_t target_len)
{
    if (e->link[0] == '/')
        return -1;
    const char *slash = strrchr(e->path, '/');
    int folder = e->type == PXB_TAR_SYMLINK && slash != NULL ? (int)(slash - e->path) : 0;
    snprintf(target, target_len, "%.*s%s%s", folder, e->path, folder ? "/" : "", e->link);
    return resolve_dots(target);
}

const pxb_tar_entry *pxb_tar_follow(const pxb_tar *tar, const pxb_tar_entry *e)
{
    char target[PXB_TAR_PATH_MAX * 2];
    for (int hops = 0; e != NULL && hops <= MAX_HOPS; hops++) {
        if (e->type == PXB_TAR_FILE)
            return e;
        if (e->type != PXB_TAR_SYMLINK && e->type != PXB_TAR_HARDLINK)
            return NULL;
        if (link_target(e, target, sizeof target) != 0)
            return NULL;
        e = find(tar, target);
    }
    return NULL;
}

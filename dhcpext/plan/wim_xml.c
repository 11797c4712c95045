/* wim_xml.c: a WIM's XML metadata read (see wim_xml.h): UTF-16LE made UTF-8, then a walk
 * over the children of WIM, each IMAGE's children, and WINDOWS's. */
#include "wim_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One element: its name, the text between name and '>', and its content. */
typedef struct xml_elem {
    const char *name, *attrs, *content;
    size_t name_len, attrs_len, content_len;
} xml_elem;

/* A span of text still to read. */
typedef struct xml_span {
    const char *p, *end;
} xml_span;

/* Nesting deeper than this is not a WIM's metadata (it uses four levels). */
#define DEPTH_MAX 32

static size_t put_utf8(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | c >> 12);
        out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | c >> 18);
    out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* The UTF-16LE units after the byte-order mark as UTF-8 (malloc'd, NUL-terminated; a lone
 * surrogate or a NUL becomes U+FFFD), its length in *len. NULL without the mark. */
static char *utf8_from_utf16le(const uint8_t *data, size_t len, size_t *out_len)
{
    if (len < 2 || data[0] != 0xff || data[1] != 0xfe)
        return NULL;
    size_t units = (len - 2) / 2, n = 0;
    char *out = malloc(units * 3 + 1);
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < units; i++) {
        uint32_t c = (uint32_t)data[2 + 2 * i] | (uint32_t)data[3 + 2 * i] << 8;
        uint32_t lo = i + 1 < units ? (uint32_t)data[4 + 2 * i] | (uint32_t)data[5 + 2 * i] << 8
                                    : 0;
        if (c >= 0xd800 && c < 0xdc00 && lo >= 0xdc00 && lo < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
            i++;
        } else if ((c >= 0xd800 && c < 0xe000) || c == 0) {
            c = 0xfffd;
        }
        n += put_utf8(out + n, c);
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static const char *find_text(const char *p, const char *end, const char *what)
{
    size_t n = strlen(what);
    for (; p != NULL && (size_t)(end - p) >= n; p++)
        if (memcmp(p, what, n) == 0)
            return p;
    return NULL;
}

/* Skips a comment, processing instruction or declaration at p ("<!", "<?"): the text after
 * it, or NULL when it does not end. */
static const char *skip_special(const char *p, const char *end)
{
    const char *close = p[1] == '?' ? "?>" : (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
                                                 ? "-->" : ">";
    const char *at = find_text(p + 2, end, close);
    return at != NULL ? at + strlen(close) : NULL;
}

/* The end of the element whose content starts at p: the '<' of its closing tag, with the
 * text after that tag in *after. NULL when it does not close. */
static const char *find_close(const char *p, const char *end, const char **after)
{
    int depth = 1;
    while (p != NULL && p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        const char *gt = lt != NULL ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
        if (gt == NULL)
            return NULL;
        if (lt[1] == '!' || lt[1] == '?') {
            p = skip_special(lt, end);
            continue;
        }
        if (lt[1] == '/' && --depth == 0) {
            *after = gt + 1;
            return lt;
        }
        if (lt[1] != '/' && gt[-1] != '/' && ++depth > DEPTH_MAX)
            return NULL;
        p = gt + 1;
    }
    return NULL;
}

/* The element starting at the '<' at lt into e, the span moved past it. 1, or -1 when it
 * is not well formed (its closing tag missing or of another name). */
static int read_elem(xml_span *s, const char *lt, xml_elem *e)
{
    const char *gt = memchr(lt, '>', (size_t)(s->end - lt));
    if (gt == NULL)
        return -1;
    e->name = lt + 1;
    e->name_len = strcspn(e->name, " \t\r\n/>");
    e->attrs = e->name + e->name_len;
    e->attrs_len = (size_t)(gt - e->attrs);
    if (e->name_len == 0 || e->name + e->name_len > gt)
        return -1;
    if (gt[-1] == '/') {
        e->content = gt;
        e->content_len = 0;
        s->p = gt + 1;
        return 1;
    }
    e->content = gt + 1;
    const char *close = find_close(e->content, s->end, &s->p);
    if (close == NULL || (size_t)(s->end - close) < e->name_len + 3 ||
        memcmp(close + 2, e->name, e->name_len) != 0 ||
        strchr(" \t\r\n>", close[2 + e->name_len]) == NULL)
        return -1;
    e->content_len = (size_t)(close - e->content);
    return 1;
}

/* The next child element of the span into e: 1, 0 at its end, -1 when not well formed. */
static int next_child(xml_span *s, xml_elem *e)
{
    while (s->p != NULL && s->p < s->end) {
        const char *lt = memchr(s->p, '<', (size_t)(s->end - s->p));
        if (lt == NULL || lt + 1 >= s->end)
            return 0;
        if (lt[1] == '!' || lt[1] == '?') {
            s->p = skip_special(lt, s->end);
            continue;
        }
        if (lt[1] == '/')
            return -1;
        return read_elem(s, lt, e);
    }
    return s->p == NULL ? -1 : 0;
}

static int is_named(const xml_elem *e, const char *name)
{
    return e->name_len == strlen(name) && memcmp(e->name, name, e->name_len) == 0;
}

/* The first child of parent named name: 1, 0 when there is none, -1 not well formed. */
static int find_child(const xml_elem *parent, const char *name, xml_elem *out)
{
    xml_span s = {parent->content, parent->content + parent->content_len};
    int rc;
    while ((rc = next_child(&s, out)) == 1)
        if (is_named(out, name))
            return 1;
    return rc;
}

static const struct {
    const char *entity;
    char c;
} ENTITIES[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};

/* Copies text (entities decoded, cut to fit, NUL-terminated) into out. */
static void copy_text(const char *p, size_t len, char *out, size_t out_len)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < out_len; n++) {
        size_t k = 0, m = 0;
        while (p[i] == '&' && k < sizeof ENTITIES / sizeof ENTITIES[0] &&
               (len - i < (m = strlen(ENTITIES[k].entity)) ||
                memcmp(p + i, ENTITIES[k].entity, m) != 0))
            k++;
        int entity = p[i] == '&' && k < sizeof ENTITIES / sizeof ENTITIES[0];
        out[n] = entity ? ENTITIES[k].c : p[i];
        i += entity ? m : 1;
    }
    out[n] = '\0';
}

/* The text of parent's first child named name ("ARCH"), into out ("" when absent): 0 or -1. */
static int child_text(const xml_elem *parent, const char *name, char *out, size_t out_len)
{
    xml_elem e;
    int rc = find_child(parent, name, &e);
    out[0] = '\0';
    if (rc == 1)
        copy_text(e.content, e.content_len, out, out_len);
    return rc < 0 ? -1 : 0;
}

/* A non-negative decimal number, or -1. */
static long read_number(const char *text)
{
    long v = 0;
    if (*text == '\0')
        return -1;
    for (; *text != '\0'; text++) {
        if (*text < '0' || *text > '9' || v > 100000000)
            return -1;
        v = v * 10 + (*text - '0');
    }
    return v;
}

static int read_version(const xml_elem *windows, char *out, size_t out_len)
{
    static const char *const PARTS[] = {"MAJOR", "MINOR", "BUILD", "SPBUILD"};
    xml_elem version;
    char part[4][24];
    int rc = find_child(windows, "VERSION", &version);
    out[0] = '\0';
    if (rc != 1)
        return rc;
    for (size_t i = 0; i < 4; i++)
        if (child_text(&version, PARTS[i], part[i], sizeof part[i]) != 0)
            return -1;
    if (part[0][0] != '\0')
        snprintf(out, out_len, "%s.%s.%s.%s", part[0], part[1][0] ? part[1] : "0",
                 part[2][0] ? part[2] : "0", part[3][0] ? part[3] : "0");
    return 0;
}

static int read_windows(const xml_elem *image, pxb_wim_image *img)
{
    xml_elem windows;
    char arch[24];
    int rc = find_child(image, "WINDOWS", &windows);
    img->arch = PXB_WIM_ARCH_NONE;
    if (rc != 1)
        return rc;
    if (child_text(&windows, "ARCH", arch, sizeof arch) != 0)
        return -1;
    long v = read_number(arch);
    img->arch = arch[0] == '\0' ? PXB_WIM_ARCH_NONE : v < 0 ? 0x7fff : (int)v;
    return read_version(&windows, img->version, sizeof img->version);
}

/* The INDEX="N" attribute, or 0. */
static unsigned read_index(const xml_elem *e)
{
    const char *at = find_text(e->attrs, e->attrs + e->attrs_len, "INDEX=\"");
    if (at == NULL)
        return 0;
    at += strlen("INDEX=\"");
    const char *quote = memchr(at, '"', (size_t)(e->attrs + e->attrs_len - at));
    char digits[12];
    if (quote == NULL || quote == at || (size_t)(quote - at) >= sizeof digits)
        return 0;
    memcpy(digits, at, (size_t)(quote - at));
    digits[quote - at] = '\0';
    long v = read_number(digits);
    return v > 0 ? (unsigned)v : 0;
}

static int read_image(const xml_elem *e, pxb_wim_xml *out, pxb_error *err)
{
    if (out->count == PXB_WIM_IMAGES_MAX)
        return pxb_error_set(err, "the WIM's XML metadata describes more than %d images",
                             PXB_WIM_IMAGES_MAX);
    pxb_wim_image *img = &out->images[out->count];
    memset(img, 0, sizeof *img);
    img->index = read_index(e);
    if (img->index == 0)
        return pxb_error_set(err, "an IMAGE of the WIM's XML metadata has no INDEX");
    for (size_t i = 0; i < out->count; i++)
        if (out->images[i].index == img->index)
            return pxb_error_set(err, "the WIM's XML metadata describes image %u twice",
                                 img->index);
    if (child_text(e, "NAME", img->name, sizeof img->name) != 0 || read_windows(e, img) < 0)
        return pxb_error_set(err, "the WIM's XML metadata for image %u is not well formed",
                             img->index);
    out->count++;
    return 0;
}

static int read_images(const char *text, size_t len, pxb_wim_xml *out, pxb_error *err)
{
    xml_span doc = {text, text + len};
    xml_elem wim, e;
    int rc = next_child(&doc, &wim);
    if (rc == 0 || (rc == 1 && !is_named(&wim, "WIM")))
        return pxb_error_set(err, "the WIM's XML metadata has no WIM element (damaged?)");
    xml_span s = {wim.content, wim.content + wim.content_len};
    while (rc == 1 && (rc = next_child(&s, &e)) == 1)
        if (is_named(&e, "IMAGE") && read_image(&e, out, err) != 0)
            return -1;
    if (rc < 0)
        return pxb_error_set(err, "the WIM's XML metadata is not well formed");
    return 0;
}

int pxb_wim_xml_read(const uint8_t *data, size_t len, pxb_wim_xml *out, pxb_error *err)
{
    size_t text_len = 0;
    char *text = utf8_from_utf16le(data, len, &text_len);
    if (text == NULL)
        return pxb_error_set(err, "the WIM's XML metadata is unreadable (not UTF-16 text: "
                                  "an encrypted ESD, or a damaged WIM)");
    pxb_wim_xml xml;
    xml.count = 0;
    int rc = read_images(text, text_len, &xml, err);
    free(text);
    if (rc != 0)
        return -1;
    *out = xml;
    return 0;
}

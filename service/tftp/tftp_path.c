/* tftp_path.c: confines a requested TFTP file name to the TFTP root (see tftp_path.h).
 *
 * Both '/' and '\' separate components, one leading separator is ignored, doubled
 * separators collapse and "." components are dropped. Refused, each with its own reason:
 * an empty name, a name longer than TFTP_PATH_MAX - 1 bytes, invalid UTF-8, a name that
 * starts with two separators (\\server\share, \\?\, \\.\), ".." components, any ':' (drive
 * letters, alternate data streams), control characters, the Windows-reserved characters
 * < > " | ? *, components over 255 bytes, components ending in '.' or ' ' (Windows strips
 * those, so they would alias another name) and DOS device names (CON, PRN, AUX, NUL,
 * COM0-9, LPT0-9 and the superscript-digit forms, CONIN$, CONOUT$, CLOCK$), whether alone
 * or as the base of a name with an extension ("nul.txt", "Con .efi"). Trailing 0xFF bytes
 * that some old PXE ROMs append are removed first. Pure string code, no OS calls. */
#include "tftp_path.h"

#include "ascii_case.h"

#include <stdint.h>
#include <string.h>

#define COMPONENT_MAX 255

static const char REASON_EMPTY[] = "empty file name";
static const char REASON_TOO_LONG[] = "file name is too long";
static const char REASON_UTF8[] = "file name is not valid UTF-8";
static const char REASON_NETWORK[] = "network and device paths are not allowed";
static const char REASON_PARENT[] = "path leaves the TFTP root";
static const char REASON_COLON[] = "drive letters and streams are not allowed";
static const char REASON_CONTROL[] = "control characters are not allowed";
static const char REASON_RESERVED[] = "characters < > \" | ? * are not allowed";
static const char REASON_PART_LONG[] = "a path component is too long";
static const char REASON_TRAILING[] = "names ending in a dot or space are not allowed";
static const char REASON_DEVICE[] = "DOS device names are not allowed";

static int is_separator(unsigned char c)
{
    return c == '/' || c == '\\';
}

/* Length of the UTF-8 sequence starting at s (at most n bytes), or 0 if it is malformed:
 * overlong forms, surrogates and code points above U+10FFFF are malformed. */
static size_t measure_utf8_char(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4;
    else
        return 0;
    if (len > n)
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    }
    return len;
}

static int check_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t len = measure_utf8_char(s + i, n - i);
        if (len == 0)
            return -1;
        i += len;
    }
    return 0;
}

/* True if s[0..n) equals word (upper-case ASCII) ignoring ASCII case. */
static int equals_word(const unsigned char *s, size_t n, const char *word)
{
    size_t len = strlen(word);

    if (n != len)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (pxb_ascii_lower((char)s[i]) != pxb_ascii_lower(word[i]))
            return 0;
    }
    return 1;
}

/* True if s[0..n) is a port number suffix of COM/LPT: a digit, or superscript 1, 2, 3
 * (U+00B9, U+00B2, U+00B3), which Windows also treats as device names. */
static int is_port_suffix(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0] >= '0' && s[0] <= '9';
    return n == 2 && s[0] == 0xC2 && (s[1] == 0xB9 || s[1] == 0xB2 || s[1] == 0xB3);
}

/* True if the component (or its base before the first '.', trailing spaces ignored) names a
 * DOS device. */
static int is_device_name(const unsigned char *s, size_t n)
{
    static const char *const fixed[] = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                                        "CLOCK$"};
    const unsigned char *dot = memchr(s, '.', n);
    size_t base = dot ? (size_t)(dot - s) : n;

    while (base > 0 && s[base - 1] == ' ')
        base--;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        if (equals_word(s, base, fixed[i]))
            return 1;
    }
    if (base < 4)
        return 0;
    return (equals_word(s, 3, "COM") || equals_word(s, 3, "LPT")) &&
           is_port_suffix(s + 3, base - 3);
}

/* Returns the reason a component's characters are refused, or NULL. */
static const char *check_characters(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == ':')
            return REASON_COLON;
        if (c < 0x20 || c == 0x7F)
            return REASON_CONTROL;
        if (strchr("<>\"|?*", c) != NULL)
            return REASON_RESERVED;
    }
    return NULL;
}

/* Returns the reason one component (not "." and not empty) is refused, or NULL. */
static const char *check_component(const unsigned char *s, size_t n)
{
    const char *reason;

    if (n == 2 && s[0] == '.' && s[1] == '.')
        return REASON_PARENT;
    reason = check_characters(s, n);
    if (reason != NULL)
        return reason;
    if (n > COMPONENT_MAX)
        return REASON_PART_LONG;
    if (s[n - 1] == '.' || s[n - 1] == ' ')
        return REASON_TRAILING;
    if (is_device_name(s, n))
        return REASON_DEVICE;
    return NULL;
}

/* Checks the whole name before it is split: length, encoding, network prefixes. */
static const char *check_name(const unsigned char *s, size_t n)
{
    if (n == 0)
        return REASON_EMPTY;
    if (n > TFTP_PATH_MAX - 1)
        return REASON_TOO_LONG;
    if (check_utf8(s, n) != 0)
        return REASON_UTF8;
    if (n >= 2 && is_separator(s[0]) && is_separator(s[1]))
        return REASON_NETWORK;
    return NULL;
}

/* Splits s[0..n) into components and appends the kept ones to out, joined by '/'. */
static const char *join_components(const unsigned char *s, size_t n, char *out, size_t out_len)
{
    size_t used = 0;
    size_t i = 0;

    while (i < n) {
        size_t start = i;
        size_t len;
        const char *reason;

        while (i < n && !is_separator(s[i]))
            i++;
        len = i - start;
        i++; /* skip the separator (or step past the end) */
        if (len == 0 || (len == 1 && s[start] == '.'))
            continue;
        reason = check_component(s + start, len);
        if (reason != NULL)
            return reason;
        if (used + (used > 0) + len + 1 > out_len)
            return REASON_TOO_LONG;
        if (used > 0)
            out[used++] = '/';
        memcpy(out + used, s + start, len);
        used += len;
    }
    if (used == 0)
        return REASON_EMPTY;
    out[used] = '\0';
    return NULL;
}

int tftp_path_normalize(const char *raw, size_t raw_len, char *out, size_t out_len,
                        const char **reason)
{
    const unsigned char *s = (const unsigned char *)raw;
    size_t n = raw_len;
    const char *why;

    while (n > 0 && s[n - 1] == 0xFF)
        n--;
    why = check_name(s, n);
    if (why == NULL) {
        if (is_separator(s[0])) {
            s++;
            n--;
        }
        why = join_components(s, n, out, out_len);
    }
    if (why != NULL) {
        *reason = why;
        return -1;
    }
    return 0;
}

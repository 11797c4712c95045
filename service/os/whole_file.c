/* whole_file.c: whole-file reads and atomic writes (see whole_file.h). */
#include "whole_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osfile.h"

#define TEMP_SUFFIX ".pxb-tmp"

char *pxb_file_read(const char *path, size_t max, size_t *len, pxb_error *err)
{
    FILE *f = pxb_osfile_open(path, "rb");
    if (f == NULL) {
        pxb_error_set_code(err, (unsigned long)errno, "cannot open '%s': %s",
                           path, strerror(errno));
        return NULL;
    }
    char *data = malloc(max + 1);
    *len = data ? fread(data, 1, max + 1, f) : 0;
    int bad = data == NULL || ferror(f);
    fclose(f);
    if (bad) {
        pxb_error_set(err, "cannot read '%s'%s", path, data ? "" : ": out of memory");
    } else if (*len > max) {
        pxb_error_set(err, "'%s' is larger than %zu bytes", path, max);
        bad = 1;
    }
    if (bad) {
        free(data);
        return NULL;
    }
    data[*len] = '\0';
    return data;
}

char *pxb_file_read_text(const char *path, size_t max, pxb_error *err)
{
    size_t len;
    char *text = pxb_file_read(path, max, &len, err);
    if (text != NULL && memchr(text, '\0', len) != NULL) {
        pxb_error_set(err, "'%s' is not a text file (it holds a NUL byte)", path);
        free(text);
        return NULL;
    }
    return text;
}

int pxb_file_write_atomic(const char *path, const char *data, size_t len, pxb_error *err)
{
    size_t path_len = strlen(path);
    char *temp = malloc(path_len + sizeof TEMP_SUFFIX);
    if (temp == NULL) {
        pxb_error_set(err, "cannot write '%s': out of memory", path);
        return -1;
    }
    memcpy(temp, path, path_len);
    memcpy(temp + path_len, TEMP_SUFFIX, sizeof TEMP_SUFFIX);
    int rc = -1;
    FILE *f = pxb_osfile_open(temp, "wb");
    if (f == NULL) {
        pxb_error_set_code(err, (unsigned long)errno, "cannot create '%s': %s",
                           temp, strerror(errno));
        free(temp);
        return -1;
    }
    int written = fwrite(data, 1, len, f) == len;
    written = (fclose(f) == 0) && written;
    if (!written)
        pxb_error_set_code(err, (unsigned long)errno, "cannot write '%s': %s",
                           temp, strerror(errno));
    else if (pxb_osfile_replace(temp, path) != 0)
        pxb_error_set(err, "cannot replace '%s' with the new file", path);
    else
        rc = 0;
    if (rc != 0)
        pxb_osfile_remove(temp);
    free(temp);
    return rc;
}

/* vdisk_report.c: lists the root of each file system the boot manager sees (wimboot's
 * virtual disk) and shows the first line of each injected file (vdisk_report.h). */
#include <efi.h>
#include <efilib.h>

#include "vdisk_report.h"

#define PREFIX L"pxebridge-winpe-marker: "
/* Room for one directory entry: EFI_FILE_INFO and a name of up to 255 characters. */
#define INFO_SIZE (SIZE_OF_EFI_FILE_INFO + 256 * sizeof(CHAR16))
#define LINE_MAX 120

/* The files wimboot injects into \Windows\System32 that the test may give it. */
static const CHAR16 *const INJECTABLE[] = { L"winpeshl.ini", L"startnet.cmd", L"unattend.xml" };

/* The root folder of the Simple File System on HANDLE, or NULL (*status why). */
static EFI_FILE_HANDLE open_root(EFI_HANDLE handle, EFI_HANDLE image, EFI_STATUS *status)
{
    EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
    EFI_FILE_HANDLE root;

    *status = BS->OpenProtocol(handle, &FileSystemProtocol, (void **)&fs, image, NULL,
                               EFI_OPEN_PROTOCOL_GET_PROTOCOL);
    if (EFI_ERROR(*status))
        return NULL;
    *status = fs->OpenVolume(fs, &root);
    return EFI_ERROR(*status) ? NULL : root;
}

/* Prints each entry of the folder DIR (name and size), then how many there were. */
static void list_folder(EFI_FILE_HANDLE dir)
{
    UINT64 buffer[INFO_SIZE / sizeof(UINT64) + 1];
    EFI_FILE_INFO *info = (EFI_FILE_INFO *)buffer;

    UINTN entries = 0;

    for (;;) {
        UINTN size = sizeof(buffer);
        EFI_STATUS status = dir->Read(dir, &size, info);
        if (EFI_ERROR(status)) {
            Print(PREFIX L"root: read failed after %d entries (%r)\n", entries, status);
            return;
        }
        if (size == 0)
            break;
        entries++;
        Print(PREFIX L"root: %s %ld%s\n", info->FileName, info->FileSize,
              (info->Attribute & EFI_FILE_DIRECTORY) ? L" (folder)" : L"");
    }
    Print(PREFIX L"root: %d entries listed\n", entries);
}

/* Prints the first line of NAME in DIR, printable ASCII only; nothing if it is not there. */
static void show_first_line(EFI_FILE_HANDLE dir, const CHAR16 *name)
{
    EFI_FILE_HANDLE file;
    CHAR8 text[LINE_MAX + 1];
    UINTN size = LINE_MAX, n;

    if (EFI_ERROR(dir->Open(dir, &file, (CHAR16 *)name, EFI_FILE_MODE_READ, 0)))
        return;
    if (EFI_ERROR(file->Read(file, &size, text)))
        size = 0;
    file->Close(file);
    for (n = 0; n < size && text[n] != '\r' && text[n] != '\n'; n++)
        if (text[n] < ' ' || text[n] > '~')
            text[n] = '.';
    text[n] = 0;
    Print(PREFIX L"%s: first line: %a\n", name, text);
}

/* Lists the root of the file system on HANDLE and shows the injected files' first lines. */
static void report_file_system(EFI_HANDLE handle, EFI_HANDLE image)
{
    EFI_STATUS status;
    EFI_FILE_HANDLE root = open_root(handle, image, &status);
    UINTN i;

    if (root == NULL) {
        Print(PREFIX L"file system not readable (%r)\n", status);
        return;
    }
    list_folder(root);
    for (i = 0; i < sizeof(INJECTABLE) / sizeof(INJECTABLE[0]); i++)
        show_first_line(root, INJECTABLE[i]);
    root->Close(root);
}

void report_vdisk(EFI_HANDLE image)
{
    EFI_HANDLE *handles = NULL;
    UINTN count = 0, i;
    EFI_STATUS status = LibLocateHandle(ByProtocol, &FileSystemProtocol, NULL, &count, &handles);

    if (EFI_ERROR(status) || count == 0) {
        Print(PREFIX L"no file system (%r)\n", status);
        return;
    }
    Print(PREFIX L"%d file system(s)\n", count);
    for (i = 0; i < count; i++)
        report_file_system(handles[i], image);
    FreePool(handles);
}

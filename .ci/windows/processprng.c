/*
 * bcryptprimitives.dll for Wine 8: a test helper, never shipped.
 *
 * Go 1.24 and later get their random numbers on Windows from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has, and a Go program
 * stops at start-up without it ("fatal error: bcryptprimitives.dll not
 * found"). Debian 12's Wine 8 has no bcryptprimitives.dll, so neither
 * tiscdesk.exe nor a cross-built test binary would start under it. This DLL
 * gives Wine the one function, on top of RtlGenRandom (advapi32's
 * SystemFunction036, which Wine has), so that .ci/wine can run the Windows
 * build and its tests. It is copied into the Wine prefix's system32, where
 * Go looks for the DLL; the program itself is built and shipped unchanged.
 *
 * Built by .ci/wine: x86_64-w64-mingw32-gcc -shared -O2 -s -o
 * bcryptprimitives.dll processprng.c -ladvapi32
 */
#include <windows.h>

#define RtlGenRandom SystemFunction036
BOOLEAN NTAPI RtlGenRandom(PVOID buffer, ULONG length);

/* ProcessPrng fills data with len random bytes and, like Windows' own,
 * returns TRUE. RtlGenRandom takes a ULONG length, so larger requests are
 * filled in parts. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}

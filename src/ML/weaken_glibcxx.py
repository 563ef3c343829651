#!/usr/bin/env python3
"""Marks version needs of an ELF shared library as weak (VER_FLG_WEAK) in place.

libLibTorchSharp.so (TorchSharp 0.107) asks for GLIBCXX_3.4.32, which Debian 12's libstdc++ (3.4.30) lacks. The only
symbol behind that version, std::ios_base_library_init, is never called by the library, so a weak need lets the
loader accept the older libstdc++. Usage: weaken_glibcxx.py LIB VERSION [VERSION...]. Idempotent; prints what it did.
"""
import struct
import sys

VER_FLG_WEAK = 0x2
SHT_GNU_VERNEED = 0x6FFFFFFE


def main(path, versions):
    with open(path, 'r+b') as f:
        data = bytearray(f.read())
        if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
            sys.exit(f'{path}: not a 64-bit little-endian ELF file')
        e_shoff, = struct.unpack_from('<Q', data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from('<HH', data, 0x3A)
        sections = [struct.unpack_from('<IIQQQQIIQQ', data, e_shoff + i * e_shentsize) for i in range(e_shnum)]
        changed = []
        for sh in sections:
            if sh[1] != SHT_GNU_VERNEED:
                continue
            strtab = sections[sh[6]]
            str_off = strtab[4]
            count = sh[7]  # sh_info: number of Verneed entries
            off = sh[4]
            for _ in range(count):
                vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from('<HHIII', data, off)
                aux = off + vn_aux
                for _ in range(vn_cnt):
                    vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from('<IHHII', data, aux)
                    end = data.index(b'\0', str_off + vna_name)
                    name = data[str_off + vna_name:end].decode()
                    if name in versions and not vna_flags & VER_FLG_WEAK:
                        struct.pack_into('<H', data, aux + 4, vna_flags | VER_FLG_WEAK)
                        changed.append(name)
                    if vna_next == 0:
                        break
                    aux += vna_next
                if vn_next == 0:
                    break
                off += vn_next
        if changed:
            f.seek(0)
            f.write(data)
        print(f'{path}: weak version needs: {", ".join(changed) if changed else "already weak or absent"}')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit('usage: weaken_glibcxx.py LIB VERSION [VERSION...]')
    main(sys.argv[1], set(sys.argv[2:]))

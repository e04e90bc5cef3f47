"""``kiosk keygen`` and ``kiosk pack new|build|verify|install|list|rollback``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, add_config_options, load_context
from kiosk.content.builder import build_pack
from kiosk.content.builtin import builtin_trusted_key
from kiosk.content.errors import LibraryBusy, LibraryError, PackRejected
from kiosk.content.installer import install_kpack, verify_kpack
from kiosk.content.keys import (
    KeyFileError,
    TrustedKey,
    TrustStore,
    generate_keypair,
    load_private_key,
    load_public_key,
)
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.rules import Limits
from kiosk.content.source_doc import DocumentError
from kiosk.content.template import create_example
from kiosk.util.progress import ProgressBar


def register(sub: Any) -> None:
    keygen = sub.add_parser("keygen", help="make an Ed25519 signing key pair for packs")
    keygen.add_argument("--out", type=Path, required=True, metavar="DIR")
    keygen.set_defaults(func=cmd_keygen)

    pack = sub.add_parser("pack", help="build, check and install content packs")
    psub = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)

    new = psub.add_parser("new", help="write an example pack source folder to edit")
    new.add_argument("dir", type=Path)
    new.set_defaults(func=cmd_new)

    build = psub.add_parser("build", help="check a source folder and write a signed .kpack")
    build.add_argument("src", type=Path, metavar="SRC_DIR")
    build.add_argument("--key", type=Path, required=True, metavar="KEY")
    build.add_argument("--out", type=Path, required=True, metavar="FILE.kpack")
    build.set_defaults(func=cmd_build)

    for name, func, text in (
        ("verify", cmd_verify, "check a .kpack without installing it"),
        ("install", cmd_install, "verify a .kpack and make it the active pack"),
    ):
        p = psub.add_parser(name, help=text)
        p.add_argument("pack_file", type=Path, metavar="FILE.kpack")
        p.add_argument("--trust", type=Path, action="append", default=[], metavar="PUB")
        add_config_options(p)
        p.set_defaults(func=func)

    for name, func, text in (
        ("list", cmd_list, "show the active and previous pack"),
        ("rollback", cmd_rollback, "make the previous pack active again"),
    ):
        p = psub.add_parser(name, help=text)
        add_config_options(p)
        p.set_defaults(func=func)


def cmd_keygen(args: argparse.Namespace) -> int:
    try:
        priv, pub = generate_keypair(args.out)
    except (KeyFileError, OSError) as exc:
        raise CliError(str(exc)) from None
    print(f"private key: {priv} (keep it secret; never copy it to a kiosk)")
    print(f"public key:  {pub} (give this to kiosks: content.trusted_keys or --trust)")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    try:
        files = create_example(args.dir)
    except (PackRejected, OSError) as exc:
        raise CliError(str(exc), 2) from None
    print(f"wrote {len(files)} files to {args.dir}; edit them, then run: kiosk pack build")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    try:
        key = load_private_key(args.key)
        with ProgressBar("building") as bar:
            signed = build_pack(args.src, key, args.out, progress=bar)
    except KeyFileError as exc:
        raise CliError(str(exc), 2) from None
    except (DocumentError, PackRejected) as exc:
        raise CliError(f"not built: {exc}") from None
    except OSError as exc:
        raise CliError(f"not built: {exc}") from None
    m = signed.manifest
    print(
        f"built {args.out}: {m.id} release {m.version} ({m.display_version}), {len(m.files)} files"
    )
    return 0


def _trust(args: argparse.Namespace, config_keys: tuple[str, ...]) -> TrustStore:
    try:
        store = TrustStore(TrustedKey(load_public_key(p)) for p in args.trust)
        for spec in config_keys:
            store.add(TrustedKey(load_public_key(spec)))
    except KeyFileError as exc:
        raise CliError(str(exc), 2) from None
    builtin = builtin_trusted_key()
    if builtin is not None:
        store.add(builtin)
    return store


def cmd_verify(args: argparse.Namespace) -> int:
    config, _ = load_context(args)
    trust = _trust(args, config.content.trusted_keys)
    policy = InstallPolicy(site_kind=config.site.kind)
    try:
        with ProgressBar("verifying") as bar:
            m = verify_kpack(
                args.pack_file, trust, policy, Limits.from_max_pack_mb(config.content.max_pack_mb),
                progress=bar,
            )  # fmt: skip
    except PackRejected as exc:
        raise CliError(f"rejected: {exc.reason}") from None
    print(
        f"ok: {m.id} release {m.version} ({m.display_version}), {len(m.files)} files, {m.total_bytes} bytes"
    )
    return 0


def _library(args: argparse.Namespace) -> tuple[Library, Any]:
    config, paths = load_context(args)
    return Library(paths.library_dir, Limits.from_max_pack_mb(config.content.max_pack_mb)), config


def cmd_install(args: argparse.Namespace) -> int:
    library, config = _library(args)
    trust = _trust(args, config.content.trusted_keys)
    policy = InstallPolicy(site_kind=config.site.kind)
    try:
        with ProgressBar("installing") as bar:
            ref = install_kpack(args.pack_file, library, trust, policy, progress=bar)
    except LibraryBusy as exc:
        raise CliError(f"not installed: {exc}") from None
    except PackRejected as exc:
        raise CliError(f"rejected: {exc.reason}") from None
    except (LibraryError, OSError) as exc:
        raise CliError(f"not installed: {exc}") from None
    print(f"installed {ref.id} release {ref.version} ({ref.display_version}); active now")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    library, _ = _library(args)
    try:
        ptr = library.pointer()
    except LibraryError as exc:
        raise CliError(str(exc)) from None
    if ptr.active is None:
        print("no pack installed")
        return 0
    for label, ref in (("active", ptr.active), ("previous", ptr.previous)):
        if ref is None:
            continue
        try:
            m = library.load(ref).manifest
            detail = f"{m.title_en} / {m.title_zh}, {len(m.files)} files, built {m.created}"
        except LibraryError as exc:
            detail = f"DAMAGED: {exc}"
        state = f" [{ptr.status}]" if label == "active" and ptr.status != "good" else ""
        print(f"{label:9}{ref.id} release {ref.version} ({ref.display_version}){state}: {detail}")
    if ptr.last_failed is not None:
        print(
            f"failed:  {ptr.last_failed.id} release {ptr.last_failed.version} did not start; fell back"
        )
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    library, _ = _library(args)
    try:
        ref = library.rollback()
    except (LibraryError, PackRejected, OSError) as exc:
        raise CliError(f"rollback failed: {exc}") from None
    print(f"rolled back: {ref.id} release {ref.version} ({ref.display_version}) is active")
    return 0

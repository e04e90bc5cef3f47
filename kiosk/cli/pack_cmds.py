"""``kiosk keygen`` and ``kiosk pack new|build|verify|install|list|rollback``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import (
    CliError,
    add_config_options,
    ask,
    config_path,
    load_context,
    load_site_config,
)
from kiosk.content.builder import build_pack, check_source
from kiosk.content.builtin import builtin_trusted_key
from kiosk.content.errors import LibraryBusy, LibraryError, PackRejected
from kiosk.content.installer import install_kpack, verify_kpack
from kiosk.content.keys import (
    CONFIG_LIST,
    KeyFileError,
    KeyPurpose,
    TrustStore,
    generate_keypair,
    load_signing_key,
    trusted_key,
)
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.rules import Limits
from kiosk.content.source_doc import DocumentError
from kiosk.content.store import PackRef
from kiosk.content.template import create_example
from kiosk.util.documents import problems_of
from kiosk.util.progress import ProgressBar


def register(sub: Any) -> None:
    keygen = sub.add_parser(
        "keygen",
        help="make an Ed25519 signing key pair (a pack key or a channel key)",
        epilog="exit codes: 0 written, 1 a key file already exists or cannot be written",
    )
    keygen.add_argument(
        "--for",
        dest="purpose",
        choices=[p.value for p in KeyPurpose],
        default=KeyPurpose.PACK.value,
        help="what the key signs: 'pack' (kiosk pack build; default) or 'channel' "
        "(kiosk channel publish/refresh); the key files record it",
    )
    keygen.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder for the key files (signing.key/.pub for a pack key, channel.key/.pub for a "
        "channel key); existing key files are never overwritten",
    )
    keygen.set_defaults(func=cmd_keygen)

    pack = sub.add_parser("pack", help="build, check and install content packs")
    psub = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)

    new = psub.add_parser(
        "new",
        help="write an example pack source folder to edit",
        epilog="exit codes: 0 written, 2 the folder is not new or empty, or no --for was given "
        "and it could not be asked",
    )
    new.add_argument("dir", type=Path, help="the folder to write (must be new or empty)")
    new.add_argument(
        "--for",
        dest="sites",
        choices=["school", "store", "both"],
        help="which sites may show the pack (its targets). Default: this kiosk's [site] kind "
        "when kiosk.toml is there, else asked",
    )
    add_config_options(new)
    new.set_defaults(func=cmd_new)

    build = psub.add_parser("build", help="check a source folder and write a signed .kpack")
    build.add_argument("src", type=Path, metavar="SRC_DIR", help="the pack source folder")
    build.add_argument(
        "--key",
        type=Path,
        required=True,
        metavar="KEY",
        help="your private pack key (signing.key from kiosk keygen --for pack)",
    )
    build.add_argument(
        "--out", type=Path, required=True, metavar="FILE.kpack", help="the .kpack file to write"
    )
    build.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="KEY_ID",
        help="refuse to sign unless the key has this id (repeatable: any of them)",
    )
    build.set_defaults(func=cmd_build)

    check = psub.add_parser(
        "check",
        help="check a source folder as build does (no key needed); warn of items never in season",
        epilog="exit codes: 0 it would build (warnings are printed, not counted), 1 problems "
        "(each is printed with its file and line)",
    )
    check.add_argument("src", type=Path, metavar="SRC_DIR", help="the pack source folder")
    check.set_defaults(func=cmd_check)

    made = {}
    for name, func, text, exits in _LIBRARY_COMMANDS:
        p = made[name] = psub.add_parser(name, help=text, epilog=f"exit codes: {exits}")
        if name in ("verify", "install"):
            p.add_argument("pack_file", type=Path, metavar="FILE.kpack", help="the pack file")
            p.add_argument(
                "--trust",
                type=Path,
                action="append",
                default=[],
                metavar="PUB",
                help="also trust this public key file (repeatable); [content] trusted_keys "
                "in kiosk.toml are trusted too",
            )
        add_config_options(p)
        p.set_defaults(func=func)
    made["rollback"].add_argument(
        "pack_id",
        nargs="?",
        metavar="PACK_ID",
        help="the pack to roll back (default: the pack installed or changed last)",
    )


def cmd_keygen(args: argparse.Namespace) -> int:
    purpose = KeyPurpose(args.purpose)
    try:
        priv, pub, kid = generate_keypair(args.out, purpose)
    except (KeyFileError, OSError) as exc:
        raise CliError(str(exc)) from None
    print(f"{purpose} key {kid}")
    print(f"private key: {priv} (keep it secret; never copy it to a kiosk)")
    where = CONFIG_LIST[purpose]
    extra = " or kiosk pack verify --trust" if purpose is KeyPurpose.PACK else ""
    print(f"public key:  {pub} (give this to kiosks: {where} in kiosk.toml{extra})")
    return 0


def _sites(args: argparse.Namespace) -> tuple[str, ...]:
    """--for, else the kiosk's own site kind, else the answer to a question on a terminal."""
    choice = args.sites
    if choice is None and config_path(args) is not None:
        choice = load_site_config(args).site.kind
        print(
            f"for {choice} sites, like this kiosk ([site] kind); another: --for school|store|both"
        )
    if choice is None and sys.stdin.isatty():
        choice = ask(
            "Which sites is the pack for? school, store or both", ("school", "store", "both")
        )
    if choice is None:
        raise CliError(
            "say which sites the pack is for: --for school, --for store or --for both", 2
        )
    return ("school", "store") if choice == "both" else (choice,)


def cmd_new(args: argparse.Namespace) -> int:
    sites = _sites(args)
    try:
        files = create_example(args.dir, sites)
    except (PackRejected, OSError) as exc:
        raise CliError(str(exc), 2) from None
    print(
        f"wrote {len(files)} files to {args.dir} (targets: {', '.join(sites)}); "
        "edit them, then run: kiosk pack build"
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    try:
        key = load_signing_key(args.key, KeyPurpose.PACK)
        key.require_trusted(args.expect, "--expect")
        with ProgressBar("building") as bar:
            signed = build_pack(args.src, key.private_key, args.out, progress=bar, warn=_warn)
    except KeyFileError as exc:
        raise CliError(str(exc), 2) from None
    except DocumentError as exc:
        found = problems_of(exc)
        if len(found) == 1:
            raise CliError(f"not built: {exc}") from None
        for problem in found:
            print(f"kiosk: {problem}", file=sys.stderr)
        raise CliError(f"not built: {len(found)} problems; fix them and build again") from None
    except PackRejected as exc:
        raise CliError(f"not built: {exc}") from None
    except OSError as exc:
        raise CliError(f"not built: {exc}") from None
    m = signed.manifest
    print(
        f"built {args.out}: {m.id} release {m.version} ({m.display_version}), {len(m.files)} files,"
        f" signed by {key.describe()}"
    )
    return 0


def _warn(warning: object) -> None:
    print(f"kiosk: warning: {warning}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    """Check a source folder as build does, without a key; warn of what is never shown."""
    try:
        source = check_source(args.src)
    except DocumentError as exc:
        found = problems_of(exc)
        for problem in found:
            print(f"kiosk: {problem}", file=sys.stderr)
        raise CliError(
            f"{len(found)} problem{'s' if len(found) > 1 else ''}; the pack would not build"
        ) from None
    except (PackRejected, OSError) as exc:
        raise CliError(str(exc)) from None
    for warning in source.warnings:
        _warn(warning)
    info = source.info
    said = (
        f", {len(source.warnings)} warning{'s' if len(source.warnings) != 1 else ''}"
        if source.warnings
        else ""
    )
    print(f"ok: {info['id']} release {info['version']}, {len(source.files)} files{said}")
    return 0


def _trust(args: argparse.Namespace, config_keys: tuple[str, ...]) -> TrustStore:
    try:
        store = TrustStore(trusted_key(p) for p in args.trust)
        for spec in config_keys:
            store.add(trusted_key(spec, "[content] trusted_keys"))
    except KeyFileError as exc:
        raise CliError(str(exc), 2) from None
    builtin = builtin_trusted_key()
    if builtin is not None:
        store.add(builtin)
    return store


def cmd_verify(args: argparse.Namespace) -> int:
    config, paths = load_context(args)
    trust = _trust(args, config.content.trusted_keys)
    # off a kiosk (no kiosk.toml, no --data-dir) there is no site kind to check the pack's
    # targets against, and no library: on one, the checks are the install's own
    on_kiosk = config_path(args) is not None or getattr(args, "data_dir", None) is not None
    policy = InstallPolicy(site_kind=config.site.kind if on_kiosk else None)
    limits = Limits.from_max_pack_mb(config.content.max_pack_mb)
    library = Library(paths.library_dir, limits) if on_kiosk else None
    try:
        with ProgressBar("verifying") as bar:
            signed = verify_kpack(args.pack_file, trust, policy, limits, library, progress=bar)
    except PackRejected as exc:
        raise CliError(f"rejected: {exc.reason}") from None
    m, kid = signed.manifest, signed.signer_key_id
    print(
        f"ok: {m.id} release {m.version} ({m.display_version}), {len(m.files)} files, "
        f"{m.total_bytes} bytes, signed by key {kid} ({trust.origin(kid)})"
    )
    if not on_kiosk:
        print(f"for {', '.join(m.targets)} sites (no kiosk.toml here, so no site kind to check)")
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
    if not ptr.packs:
        print("no pack installed")
    for _, slot in sorted(ptr.packs.items(), key=lambda kv: (kv[0] == "builtin", kv[0])):
        state = f" [{slot.status}]" if slot.status != "good" else ""
        print(f"active   {_describe(library, slot.active)}{state}")
        if slot.previous is not None:
            print(f"previous {_describe(library, slot.previous)}")
    if ptr.last_failed is not None:
        print(
            f"failed:  {ptr.last_failed.id} release {ptr.last_failed.version} did not start; fell back"
        )
    return 0


def _describe(library: Library, ref: PackRef) -> str:
    try:
        m = library.load(ref).manifest
        detail = f"{m.title_en} / {m.title_zh}, {len(m.files)} files, built {m.created}"
    except LibraryError as exc:
        detail = f"DAMAGED: {exc}"
    return f"{ref.id} release {ref.version} ({ref.display_version}): {detail}"


def cmd_rollback(args: argparse.Namespace) -> int:
    library, _ = _library(args)
    try:
        ref = library.rollback(args.pack_id)
    except (LibraryError, PackRejected, OSError) as exc:
        raise CliError(f"rollback failed: {exc}") from None
    print(
        f"rolled back: {ref.id} release {ref.version} ({ref.display_version}) is active; "
        "the other packs are unchanged"
    )
    return 0


_LIBRARY_COMMANDS = (
    ("verify", cmd_verify, "check a .kpack without installing it",
     "0 it would be accepted, 1 rejected (the reason is printed), 2 a --trust key is unreadable"),
    ("install", cmd_install, "verify a .kpack and install it beside the other packs",
     "0 installed, 1 rejected or not installed (the reason is printed), 2 unreadable key"),
    ("list", cmd_list, "show every active pack and the previous release kept of each",
     "0 listed, 1 the library cannot be read"),
    ("rollback", cmd_rollback, "make a pack's previous release active again (the others stay)",
     "0 rolled back, 1 no previous release of that pack is kept"),
)  # fmt: skip

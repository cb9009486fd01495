"""What a certificate prints, frozen at issue time (stored with the certificate, so a reprint matches the original).

`pdf.py` renders from this alone and never queries: the same snapshot always gives the same page."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str


@dataclass(frozen=True)
class CertificateData:
    code: str  # the verification code
    verify_url: str  # absolute URL of /verify/<code>/, what the QR code holds
    language: str  # "es" or "en": the language the certificate is printed in
    kind: str  # the award's kind (certificates.models.Award.Kind value)
    award_title: str  # in `language`, e.g. "Campeón del Fair Play"
    recipient_name: str  # as it should appear (a player's display name, a team's, a barra's, a coach's full name)
    team: str  # "" for a referee
    category: str  # "" for a championship-wide award
    championship: str  # name and season
    organizer: str
    date: str  # ISO date of issue
    signatories: tuple[Signatory, ...] = field(default_factory=tuple)
    logo_path: str = ""  # the organizer's uploaded logo, a file path at render time ("" for none)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> CertificateData:
        values = dict(data)
        values["signatories"] = tuple(Signatory(**s) for s in values.get("signatories", ()))
        return cls(**values)

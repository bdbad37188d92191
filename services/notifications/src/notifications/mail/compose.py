"""An e-mail in the recipient's language from a rendered message: Jinja2 files, no I/O."""

import email.utils
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from notifications.messages import words
from notifications.messages.render import RenderedMessage
from notifications.messages.words import Language

_ENV = Environment(
    loader=PackageLoader("notifications.mail", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str


def compose(message: RenderedMessage, language: Language, base_url: str) -> Mail:
    title = message.title(language)
    body = message.body(language)
    context = {
        "title": title,
        "body": body,
        "paragraphs": [p for p in body.split("\n\n") if p.strip()],
        "due_on": words.format_date(message.due_on, language) if message.due_on else None,
        "link": base_url.rstrip("/") + message.link if message.link else None,
    }
    return Mail(
        subject=title,
        text=_ENV.get_template(f"message.{language}.txt.j2").render(context),
        html=_ENV.get_template(f"message.{language}.html.j2").render(context),
    )


def mime(sender: str, to: str, subject: str, text: str, html: str, language: str,
         message_id: str) -> EmailMessage:
    """A multipart/alternative message: the plain text part first, as RFC 2046 wants."""
    mail = EmailMessage(policy=SMTP)
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = email.utils.formatdate(localtime=False)
    mail["Message-ID"] = message_id
    mail["Content-Language"] = "zh-CN" if language == "zh" else "en"
    # Tells mail servers and out-of-office responders that nobody typed this.
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(text)
    mail.add_alternative(html, subtype="html")
    return mail

//! The cell formats of the CIS/CRM workbook, after the FedRAMP template: Arial, a 26-point
//! blue title, bold headers on a light-blue fill, bold control ids.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// FedRAMP blue (the template's title colour) and the header fill.
const BLUE: Color = Color::RGB(0x1A4480);
const HEADER_FILL: Color = Color::RGB(0xCCECFC);

/// Every format the workbook uses, built once.
pub struct Formats {
    pub title: Format,
    pub guidance: Format,
    pub header: Format,
    pub id: Format,
    pub mark: Format,
    pub answer: Format,
    pub text: Format,
    pub label: Format,
    pub heading: Format,
}

impl Formats {
    pub fn new() -> Formats {
        let arial = Format::new().set_font_name("Arial").set_font_size(12);
        Formats {
            title: arial
                .clone()
                .set_font_size(26)
                .set_bold()
                .set_font_color(BLUE)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            guidance: arial.clone().set_align(FormatAlign::Left).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
            header: arial
                .clone()
                .set_bold()
                .set_font_color(BLUE)
                .set_background_color(HEADER_FILL)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_border(FormatBorder::Thin),
            id: arial.clone().set_bold().set_align(FormatAlign::Top),
            mark: arial.clone().set_align(FormatAlign::Center).set_align(FormatAlign::Top),
            answer: arial.clone().set_align(FormatAlign::Top),
            text: arial.clone().set_align(FormatAlign::Top).set_text_wrap(),
            label: arial.clone().set_bold().set_align(FormatAlign::Top),
            heading: arial.set_font_size(16).set_bold().set_font_color(BLUE),
        }
    }

    /// Every format, in a fixed order (registered first so the styles never vary).
    pub fn all(&self) -> [&Format; 9] {
        [
            &self.title,
            &self.guidance,
            &self.header,
            &self.id,
            &self.mark,
            &self.answer,
            &self.text,
            &self.label,
            &self.heading,
        ]
    }
}

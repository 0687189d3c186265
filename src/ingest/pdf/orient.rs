//! Text direction: a page turned by /Rotate, or text drawn in a turned matrix (a landscape section of a
//! Word document, a margin note running bottom to top), is read in its own upright frame. The page is
//! read in the frame of the direction most of its glyphs run in; glyphs running another way are laid out
//! in their own frame and their lines placed back on the page by their bounding boxes.

use super::content::{Glyph, Rule};
use super::layout::{self, Segment};
use crate::model::BBox;

/// A page frame: its height, and the quarter turns that make the dominant text upright.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub height: f32,
    turns: u8,
}

impl Frame {
    /// The frame in which text running `turns` quarter turns clockwise reads left to right.
    fn new(width: f32, height: f32, turns: u8) -> Frame {
        Frame {
            height: if turns % 2 == 1 { width } else { height },
            turns,
        }
    }

    /// From the displayed page (dimensions `w`×`h`) into this frame.
    fn forward(&self, x: f32, y: f32, w: f32, h: f32) -> (f32, f32) {
        match self.turns {
            1 => (y, w - x),
            2 => (w - x, h - y),
            3 => (h - y, x),
            _ => (x, y),
        }
    }

    /// From this frame back to the displayed page (dimensions `w`×`h`).
    fn back(&self, x: f32, y: f32, w: f32, h: f32) -> (f32, f32) {
        match self.turns {
            1 => (w - y, x),
            2 => (w - x, h - y),
            3 => (y, h - x),
            _ => (x, y),
        }
    }
}

fn map_box(b: &BBox, f: impl Fn(f32, f32) -> (f32, f32)) -> BBox {
    let (ax, ay) = f(b.x0, b.y0);
    let (bx, by) = f(b.x1, b.y1);
    BBox {
        x0: ax.min(bx),
        y0: ay.min(by),
        x1: ax.max(bx),
        y1: ay.max(by),
    }
}

/// What a page gives after orientation: the glyphs of the main direction and the rules in the page's
/// reading frame, the segments of text running other ways already laid out in that frame.
pub struct Oriented {
    pub frame: Frame,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub other: Vec<Segment>,
}

/// Turns a page (displayed size `w`×`h`) into the frame of its dominant text direction.
pub fn orient(glyphs: Vec<Glyph>, rules: &[Rule], w: f32, h: f32) -> Oriented {
    let mut count = [0usize; 4];
    for g in &glyphs {
        count[usize::from(g.dir & 3)] += 1;
    }
    let main = (0..4u8)
        .max_by_key(|&d| (count[usize::from(d)], d == 0))
        .unwrap_or(0);
    let frame = Frame::new(w, h, main);
    let mut by_dir: [Vec<Glyph>; 4] = Default::default();
    for g in glyphs {
        let d = usize::from(g.dir & 3);
        by_dir[d].push(g);
    }
    let upright = |mut g: Glyph, f: &Frame| {
        let (x, y) = f.forward(g.x, g.y, w, h);
        g.x = x;
        g.y = y;
        g.dir = 0;
        g
    };
    let main_glyphs: Vec<Glyph> = std::mem::take(&mut by_dir[usize::from(main)])
        .into_iter()
        .map(|g| upright(g, &frame))
        .collect();
    let rules = rules
        .iter()
        .map(|r| {
            let b = map_box(
                &BBox {
                    x0: r.x0,
                    y0: r.y0,
                    x1: r.x1,
                    y1: r.y1,
                },
                |x, y| frame.forward(x, y, w, h),
            );
            Rule {
                x0: b.x0,
                y0: b.y0,
                x1: b.x1,
                y1: b.y1,
            }
        })
        .collect();
    let mut other = Vec::new();
    for (d, group) in by_dir.into_iter().enumerate() {
        if group.is_empty() {
            continue;
        }
        let own = Frame::new(w, h, d as u8);
        let upright_group: Vec<Glyph> = group.into_iter().map(|g| upright(g, &own)).collect();
        for line in layout::words(&upright_group) {
            let refs: Vec<&layout::Word> = line.iter().collect();
            for mut seg in layout::segments(&refs) {
                // Back to the displayed page, then into the reading frame.
                let shown = map_box(&seg.bbox, |x, y| own.back(x, y, w, h));
                seg.bbox = map_box(&shown, |x, y| frame.forward(x, y, w, h));
                seg.baseline = seg.bbox.y0 + seg.size.min(seg.bbox.y1 - seg.bbox.y0);
                other.push(seg);
            }
        }
    }
    Oriented {
        frame,
        glyphs: main_glyphs,
        rules,
        other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f32, y: f32, dir: u8, t: &str) -> Glyph {
        Glyph {
            x,
            y,
            w: 5.0,
            size: 10.0,
            text: t.into(),
            bold: false,
            dir,
        }
    }

    #[test]
    fn text_running_top_to_bottom_is_read_upright() {
        // A word running down the page at x = 300 (a page turned a quarter clockwise).
        let glyphs = vec![
            glyph(300.0, 100.0, 1, "o"),
            glyph(300.0, 105.0, 1, "r"),
            glyph(300.0, 110.0, 1, "d"),
        ];
        let o = orient(glyphs, &[], 595.0, 842.0);
        assert_eq!(o.frame.height, 595.0);
        let lines = layout::words(&o.glyphs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0][0].text, "ord");
    }

    #[test]
    fn a_margin_note_running_upwards_is_one_segment() {
        let mut glyphs: Vec<Glyph> = (0..20)
            .map(|i| glyph(70.0 + 5.0 * i as f32, 100.0, 0, "a"))
            .collect();
        glyphs.extend([glyph(20.0, 500.0, 3, "u"), glyph(20.0, 495.0, 3, "p")]);
        let o = orient(glyphs, &[], 595.0, 842.0);
        assert_eq!(o.frame.turns, 0);
        assert_eq!(o.other.len(), 1);
        assert_eq!(o.other[0].text, "up");
        assert!(o.other[0].bbox.x0 < 30.0 && o.other[0].bbox.y1 > 495.0);
    }
}

//! The story timeline: statements over time, one lane per outlet, drawn as SVG on the server
//! so that the page needs no script to show it.

use maud::{Markup, html};

/// One statement on the timeline.
#[derive(Debug, Clone)]
pub struct Point {
    pub outlet: String,
    /// Days since 1970-01-01.
    pub day: i32,
    pub deny: bool,
    /// Shown on hover.
    pub label: String,
}

const WIDTH: f64 = 800.0;
const LABELS: f64 = 150.0;
const LANE: f64 = 28.0;
const TOP: f64 = 10.0;
const AXIS: f64 = 30.0;

/// The SVG, or `None` when there is nothing dated to draw.
pub fn render(points: &[Point]) -> Option<Markup> {
    let first = points.iter().map(|p| p.day).min()?;
    let last = points.iter().map(|p| p.day).max()?;
    let mut lanes: Vec<&str> = Vec::new();
    for p in points {
        if !lanes.contains(&p.outlet.as_str()) {
            lanes.push(&p.outlet);
        }
    }
    // One day either side, so that a single day's statements sit in the middle.
    let (from, to) = (f64::from(first) - 1.0, f64::from(last) + 1.0);
    let x =
        |day: i32| LABELS + 10.0 + (f64::from(day) - from) / (to - from) * (WIDTH - LABELS - 20.0);
    let height = TOP + LANE * lanes.len() as f64 + AXIS;
    let axis_y = TOP + LANE * lanes.len() as f64;
    let ticks = ticks(first, last);
    // Statements on the same day in the same lane are spread a little, so each can be
    // pointed at.
    let mut seen: std::collections::HashMap<(usize, i32), u32> = Default::default();
    let placed: Vec<(f64, f64, &Point)> = points
        .iter()
        .map(|p| {
            let lane = lanes.iter().position(|l| *l == p.outlet).unwrap_or(0);
            let n = seen.entry((lane, p.day)).or_default();
            let shift = f64::from(*n % 5) * 7.0;
            *n += 1;
            (x(p.day) + shift, TOP + LANE * lane as f64 + LANE / 2.0, p)
        })
        .collect();
    Some(html! {
        svg class="timeline" role="img" viewBox=(format!("0 0 {WIDTH} {height}"))
            xmlns="http://www.w3.org/2000/svg" {
            title { "Statements over time, by outlet" }
            @for (i, lane) in lanes.iter().enumerate() {
                @let y = TOP + LANE * i as f64 + LANE / 2.0;
                line class="lane" x1=(LABELS) x2=(WIDTH - 5.0) y1=(y) y2=(y) {}
                text class="outlet" x=(LABELS - 8.0) y=(y + 4.0) text-anchor="end" {
                    (shorten(lane, 22))
                }
            }
            line class="axis" x1=(LABELS) x2=(WIDTH - 5.0) y1=(axis_y) y2=(axis_y) {}
            @for day in &ticks {
                text class="tick" x=(x(*day)) y=(axis_y + 18.0) text-anchor="middle" { (date(*day)) }
                line class="tick" x1=(x(*day)) x2=(x(*day)) y1=(axis_y) y2=(axis_y + 5.0) {}
            }
            @for (cx, cy, p) in &placed {
                circle class=(if p.deny { "point deny" } else { "point affirm" })
                    cx=(format!("{cx:.1}")) cy=(cy) r="6" {
                    title { (date(p.day)) " · " (p.outlet) ": " (p.label) }
                }
            }
        }
    })
}

/// Up to five evenly spread dates, first and last included.
fn ticks(first: i32, last: i32) -> Vec<i32> {
    let span = last - first;
    if span == 0 {
        return vec![first];
    }
    let steps = span.min(4);
    let mut out: Vec<i32> = (0..=steps).map(|i| first + span * i / steps).collect();
    out.dedup();
    out
}

pub fn date(day: i32) -> String {
    chrono::NaiveDate::from_num_days_from_ce_opt(day + 719_163)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(outlet: &str, day: i32, deny: bool) -> Point {
        Point {
            outlet: outlet.into(),
            day,
            deny,
            label: "Mayor Ilse Brandt: <the bridge> will reopen".into(),
        }
    }

    #[test]
    fn draws_a_lane_per_outlet_and_a_point_per_statement() {
        let svg = render(&[
            point("Harbor Gazette", 20_000, false),
            point("Northern Wire", 20_003, true),
            point("Harbor Gazette", 20_003, false),
        ])
        .map(|m| m.into_string())
        .unwrap_or_default();
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches("class=\"lane\"").count(), 2);
        assert_eq!(svg.matches("point deny").count(), 1);
        assert!(svg.contains(">2024-10-04<"), "{svg}");
        assert!(svg.contains(">2024-10-07<"), "{svg}");
        // Labels come from articles: they are escaped, never markup.
        assert!(svg.contains("&lt;the bridge&gt;"));
        assert!(!svg.contains("<the bridge>"));
    }

    #[test]
    fn nothing_dated_draws_nothing() {
        assert!(render(&[]).is_none());
        assert_eq!(ticks(5, 5), vec![5]);
        assert_eq!(ticks(0, 2), vec![0, 1, 2]);
        assert_eq!(ticks(0, 100), vec![0, 25, 50, 75, 100]);
    }
}

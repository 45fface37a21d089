<?php
/**
 * Local dates, day numbers, ranges and presets in the site's time zone.
 *
 * Mirrors src/model/dates.ts, src/model/range.ts and src/model/time-zone.ts:
 * a timestamp belongs to the local date it falls on in the zone (IANA with
 * DST, or a fixed ±HH:MM offset); a range is two inclusive local dates.
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

/**
 * Day arithmetic and the bucketer that turns epoch milliseconds into local dates.
 */
class Jetonomy_Analytics_Dates {

	const DAY_MS = 86400000;

	const MAX_RANGE_YEARS = 5;

	const PRESETS = array( '7d', '30d', '90d', 'this_month', 'last_month' );

	const MONTH_NAMES = array( 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December' );

	/**
	 * The zone.
	 *
	 * @var DateTimeZone
	 */
	private $zone;

	/**
	 * UTC hour => offset (seconds) valid for the whole hour, or null when it changes within the hour.
	 *
	 * @var array<int, int|null>
	 */
	private $hour_offsets = array();

	/**
	 * Local day number => 'Y-m-d'.
	 *
	 * @var array<int, string>
	 */
	private $day_texts = array();

	/**
	 * Constructor.
	 *
	 * @param DateTimeZone $zone The zone to bucket in.
	 */
	public function __construct( DateTimeZone $zone ) {
		$this->zone = $zone;
	}

	/**
	 * The site zone as a DateTimeZone.
	 *
	 * @return DateTimeZone
	 */
	public static function site_zone() {
		return wp_timezone();
	}

	/**
	 * The site zone's name, as the report carries it (`wp_timezone_string()`).
	 *
	 * @return string
	 */
	public static function site_zone_name() {
		return wp_timezone_string();
	}

	/**
	 * Floor division.
	 *
	 * @param int $a Dividend.
	 * @param int $b Divisor (positive).
	 * @return int
	 */
	public static function floor_div( $a, $b ) {
		$q = intdiv( $a, $b );
		if ( ( $a % $b ) < 0 ) {
			--$q;
		}
		return $q;
	}

	/**
	 * The zone's UTC offset in seconds at an instant (epoch seconds).
	 *
	 * @param int $sec Epoch seconds.
	 * @return int
	 */
	private function offset_at( $sec ) {
		$hour = self::floor_div( $sec, 3600 );
		if ( ! array_key_exists( $hour, $this->hour_offsets ) ) {
			$a = $this->zone->getOffset( new DateTimeImmutable( '@' . ( $hour * 3600 ) ) );
			$b = $this->zone->getOffset( new DateTimeImmutable( '@' . ( $hour * 3600 + 3599 ) ) );
			$this->hour_offsets[ $hour ] = ( $a === $b ) ? $a : null;
		}
		$offset = $this->hour_offsets[ $hour ];
		if ( null === $offset ) {
			$offset = $this->zone->getOffset( new DateTimeImmutable( '@' . $sec ) );
		}
		return $offset;
	}

	/**
	 * The local day number (days since 1970-01-01 as a local calendar) of an instant.
	 *
	 * @param int $ms Epoch milliseconds.
	 * @return int
	 */
	public function day_number( $ms ) {
		$sec = self::floor_div( (int) $ms, 1000 );
		return self::floor_div( $sec + $this->offset_at( $sec ), 86400 );
	}

	/**
	 * The local date 'YYYY-MM-DD' of an instant.
	 *
	 * @param int $ms Epoch milliseconds.
	 * @return string
	 */
	public function date_of( $ms ) {
		$day = $this->day_number( $ms );
		if ( ! isset( $this->day_texts[ $day ] ) ) {
			$this->day_texts[ $day ] = self::format_day( $day );
		}
		return $this->day_texts[ $day ];
	}

	/**
	 * Day number => 'YYYY-MM-DD'.
	 *
	 * @param int $day Day number.
	 * @return string
	 */
	public static function format_day( $day ) {
		return gmdate( 'Y-m-d', $day * 86400 );
	}

	/**
	 * Proleptic Gregorian day number of a civil date; out-of-range days roll over (Feb 29 → Mar 1).
	 *
	 * @param int $year  Year.
	 * @param int $month Month 1–12.
	 * @param int $day   Day of month.
	 * @return int
	 */
	public static function day_from_civil( $year, $month, $day ) {
		$y     = $month <= 2 ? $year - 1 : $year;
		$era   = self::floor_div( $y, 400 );
		$yoe   = $y - $era * 400;
		$mp    = ( $month + 9 ) % 12;
		$doy   = intdiv( 153 * $mp + 2, 5 ) + $day - 1;
		$doe   = $yoe * 365 + intdiv( $yoe, 4 ) - intdiv( $yoe, 100 ) + $doy;
		return $era * 146097 + $doe - 719468;
	}

	/**
	 * Why a string is not a real date 'YYYY-MM-DD', or null when it is one (texts of src/model/dates.ts).
	 *
	 * @param mixed $s The value.
	 * @return string|null
	 */
	public static function date_problem( $s ) {
		if ( ! is_string( $s ) ) {
			return Jetonomy_Analytics_Validator::describe( $s ) . ' is not a valid date (YYYY-MM-DD): expected a string';
		}
		if ( ! preg_match( '/^(\d{4})-(\d{2})-(\d{2})$/D', $s, $m ) ) {
			return Jetonomy_Analytics_Validator::describe( $s ) . ' is not a valid date (YYYY-MM-DD)';
		}
		$year  = (int) $m[1];
		$month = (int) $m[2];
		$day   = (int) $m[3];
		if ( $month < 1 || $month > 12 ) {
			return Jetonomy_Analytics_Validator::describe( $s ) . ' is not a valid date (YYYY-MM-DD): the month must be 01 to 12';
		}
		$leap   = ( 0 === $year % 4 && ( 0 !== $year % 100 || 0 === $year % 400 ) );
		$length = 2 === $month ? ( $leap ? 29 : 28 ) : ( in_array( $month, array( 4, 6, 9, 11 ), true ) ? 30 : 31 );
		if ( $day < 1 || $day > $length ) {
			return Jetonomy_Analytics_Validator::describe( $s ) . ' is not a valid date (YYYY-MM-DD): ' . self::MONTH_NAMES[ $month - 1 ] . ' ' . $m[1] . ' has days 01 to ' . $length;
		}
		return null;
	}

	/**
	 * 'YYYY-MM-DD' (already checked) => day number.
	 *
	 * @param string $s Date.
	 * @return int
	 */
	public static function parse_date( $s ) {
		return self::day_from_civil( (int) substr( $s, 0, 4 ), (int) substr( $s, 5, 2 ), (int) substr( $s, 8, 2 ) );
	}

	/**
	 * Checks a range as validateRange does: returns null when valid, else [ param, message ].
	 *
	 * @param mixed $start Start.
	 * @param mixed $end   End.
	 * @return array|null
	 */
	public static function range_problem( $start, $end ) {
		if ( null === $start || '' === $start ) {
			return array( 'start', 'start is a required date YYYY-MM-DD.' );
		}
		if ( null === $end || '' === $end ) {
			return array( 'end', 'end is a required date YYYY-MM-DD.' );
		}
		if ( ! is_string( $start ) || ! preg_match( '/^\d{4}-\d{2}-\d{2}$/D', $start ) ) {
			return array( 'start', 'start is not a date YYYY-MM-DD: "' . ( is_scalar( $start ) ? $start : '' ) . '".' );
		}
		if ( ! is_string( $end ) || ! preg_match( '/^\d{4}-\d{2}-\d{2}$/D', $end ) ) {
			return array( 'end', 'end is not a date YYYY-MM-DD: "' . ( is_scalar( $end ) ? $end : '' ) . '".' );
		}
		$p = self::date_problem( $start );
		if ( null !== $p ) {
			return array( 'start', 'The range start ' . $p . '.' );
		}
		$p = self::date_problem( $end );
		if ( null !== $p ) {
			return array( 'end', 'The range end ' . $p . '.' );
		}
		$s = self::parse_date( $start );
		$e = self::parse_date( $end );
		// As in the library (src/model/range.ts): the previous period of any range from 1970 on is still a date.
		foreach ( array(
			'start' => array( $s, $start ),
			'end'   => array( $e, $end ),
		) as $field => $day ) {
			if ( $day[0] < 0 ) {
				return array( $field, 'The range ' . $field . ' "' . $day[1] . '" is before 1970-01-01: a range covers dates from 1970-01-01 to 9999-12-31.' );
			}
		}
		if ( $s > $e ) {
			return array( 'start', 'The range starts on ' . $start . ', after its end ' . $end . ': the start must be on or before the end.' );
		}
		$limit = self::day_from_civil( (int) substr( $start, 0, 4 ) + self::MAX_RANGE_YEARS, (int) substr( $start, 5, 2 ), (int) substr( $start, 8, 2 ) );
		if ( $e >= $limit ) {
			return array(
				'end',
				'The range ' . $start . '..' . $end . ' spans ' . ( $e - $s + 1 ) . ' days, more than ' . self::MAX_RANGE_YEARS . ' years: a range starting ' . $start . ' may end on ' . self::format_day( $limit - 1 ) . ' at the latest.',
			);
		}
		return null;
	}

	/**
	 * The previous period: the same number of days ending the day before start.
	 *
	 * @param string $start Start date.
	 * @param string $end   End date.
	 * @return array{start:string,end:string}
	 */
	public static function previous_range( $start, $end ) {
		$s    = self::parse_date( $start );
		$days = self::parse_date( $end ) - $s + 1;
		return array(
			'start' => self::format_day( $s - $days ),
			'end'   => self::format_day( $s - 1 ),
		);
	}

	/**
	 * Every date of a range, oldest first.
	 *
	 * @param string $start Start date.
	 * @param string $end   End date.
	 * @return string[]
	 */
	public static function dates_between( $start, $end ) {
		$out = array();
		$e   = self::parse_date( $end );
		for ( $d = self::parse_date( $start ); $d <= $e; $d++ ) {
			$out[] = self::format_day( $d );
		}
		return $out;
	}

	/**
	 * "Now" in epoch ms; tests pin it with the `jetonomy_analytics_now` filter.
	 *
	 * @return int
	 */
	public static function now_ms() {
		$now = (int) floor( microtime( true ) * 1000 );
		/**
		 * Filters the clock used for presets and for the default "recording since".
		 *
		 * @param int $now Epoch milliseconds.
		 */
		return (int) apply_filters( 'jetonomy_analytics_now', $now );
	}

	/**
	 * A preset as dates, "today" being the local date of now in the site zone.
	 *
	 * @param string $preset One of PRESETS.
	 * @return array{start:string,end:string}
	 */
	public static function preset_range( $preset ) {
		$bucketer = new self( self::site_zone() );
		$today    = $bucketer->day_number( self::now_ms() );
		$trailing = array(
			'7d'  => 7,
			'30d' => 30,
			'90d' => 90,
		);
		if ( isset( $trailing[ $preset ] ) ) {
			return array(
				'start' => self::format_day( $today - $trailing[ $preset ] + 1 ),
				'end'   => self::format_day( $today ),
			);
		}
		$first = self::parse_date( substr( self::format_day( $today ), 0, 8 ) . '01' );
		if ( 'this_month' === $preset ) {
			return array(
				'start' => self::format_day( $first ),
				'end'   => self::format_day( $today ),
			);
		}
		$prev_first = self::parse_date( substr( self::format_day( $first - 1 ), 0, 8 ) . '01' );
		return array(
			'start' => self::format_day( $prev_first ),
			'end'   => self::format_day( $first - 1 ),
		);
	}
}

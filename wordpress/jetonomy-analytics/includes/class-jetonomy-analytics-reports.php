<?php
/**
 * Reports: the direct path (SQL over the state tables), the aggregate path
 * (SQL over the rollups) and the report builder, the PHP twins of
 * src/engine/direct-reader.ts, src/engine/aggregator.ts (reading side),
 * src/engine/report-builder.ts and src/engine/diff.ts.
 *
 * Both paths fill the same statistics array; ranking, ratios and the report
 * shape are computed once, here, from it.
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

/**
 * Builds reports, table pages and diff reports.
 */
class Jetonomy_Analytics_Reports {

	const DIFF_METRICS = array(
		'total_posts'             => array( 'overview', 'total_posts' ),
		'total_replies'           => array( 'overview', 'total_replies' ),
		'active_members'          => array( 'overview', 'active_members' ),
		'growth_rate'             => array( 'overview', 'growth_rate' ),
		'avg_replies_per_post'    => array( 'engagement', 'avg_replies_per_post' ),
		'upvotes'                 => array( 'engagement', 'upvotes' ),
		'downvotes'               => array( 'engagement', 'downvotes' ),
		'accepted_answers'        => array( 'engagement', 'accepted_answers' ),
		'questions_asked'         => array( 'engagement', 'questions_asked' ),
		'questions_resolved'      => array( 'engagement', 'questions_resolved' ),
		'accepted_answer_rate'    => array( 'engagement', 'accepted_answer_rate' ),
		'new_members'             => array( 'engagement', 'new_members' ),
		'flags_raised'            => array( 'moderation', 'flags_raised' ),
		'flags_open'              => array( 'moderation', 'flags_open' ),
		'auto_mod_triggers'       => array( 'moderation', 'auto_mod_triggers' ),
		'median_response_minutes' => array( 'moderation', 'median_response_minutes' ),
		'p90_response_minutes'    => array( 'moderation', 'p90_response_minutes' ),
	);

	/**
	 * Direct path: ranges longer than this many days group content per space
	 * along the by_space index (see queries()).
	 */
	const LONG_RANGE_DAYS = 62;

	/**
	 * Aggregate path: from this many whole months on, the month blocks are
	 * grouped along their by_member / by_space keys (a pass over the whole
	 * index in group order); fewer months read the month range of the
	 * primary key and group what they read.
	 */
	const INDEX_ORDER_MONTHS = 3;

	/**
	 * Statistics cache for one request: "path|start|end" => stats.
	 *
	 * @var array<string, array>
	 */
	private static $cache = array();

	/**
	 * Table names.
	 *
	 * @return array<string, string>
	 */
	private static function t() {
		$t = array();
		foreach ( Jetonomy_Analytics_Schema::TABLES as $name ) {
			$t[ $name ] = Jetonomy_Analytics_Schema::table( $name );
		}
		return $t;
	}

	/**
	 * Splits a range into the whole calendar months inside it and the days
	 * before and after them.
	 *
	 * @param string $start Start date.
	 * @param string $end   End date.
	 * @return array{months: array{0:string,1:string}|null, days: array<int, array{0:string,1:string}>}
	 *               months: first days of the first and last whole month; days: up to two [start, end] day ranges.
	 */
	private static function month_split( $start, $end ) {
		$first = substr( $start, 0, 8 ) . '01';
		if ( $first !== $start ) {
			// The first of the month after start.
			$first = Jetonomy_Analytics_Dates::format_day( Jetonomy_Analytics_Dates::parse_date( $first ) + 31 );
			$first = substr( $first, 0, 8 ) . '01';
		}
		$after = Jetonomy_Analytics_Dates::format_day( Jetonomy_Analytics_Dates::parse_date( $end ) + 1 );
		$last  = substr( $after, 0, 8 ) . '01'; // The first of the month after the last whole month.
		if ( $first >= $last ) {
			return array(
				'months' => null,
				'days'   => array( array( $start, $end ) ),
			);
		}
		$days = array();
		if ( $start < $first ) {
			$days[] = array( $start, Jetonomy_Analytics_Dates::format_day( Jetonomy_Analytics_Dates::parse_date( $first ) - 1 ) );
		}
		if ( $last <= $end ) {
			$days[] = array( $last, $end );
		}
		$last_month = Jetonomy_Analytics_Dates::format_day( Jetonomy_Analytics_Dates::parse_date( $last ) - 1 );
		return array(
			'months' => array( $first, substr( $last_month, 0, 8 ) . '01' ),
			'days'   => $days,
		);
	}

	/**
	 * The parts the per-member sums of a range are read from: a run of whole
	 * months from the month blocks, plus day ranges to add, minus day ranges
	 * to take away. A month the range covers only partly is read day by day
	 * when the range has at most half of it, and otherwise as the whole
	 * month less the days outside the range: member sums add up and take
	 * away exactly (no counter is ever negative), so "last 30 days" reads
	 * one month block and about a week of days instead of 30 days of day
	 * rows (at 1 M events, 28 k rows instead of 62 k).
	 *
	 * @param string $start Start date.
	 * @param string $end   End date.
	 * @return array{months: array{0:string,1:string}|null, plus: array<int, array{0:string,1:string}>, minus: array<int, array{0:string,1:string}>}
	 */
	private static function member_parts( $start, $end ) {
		$parts = array(
			'months' => null,
			'plus'   => array(),
			'minus'  => array(),
		);
		$day   = Jetonomy_Analytics_Dates::parse_date( substr( $start, 0, 8 ) . '01' );
		$last  = Jetonomy_Analytics_Dates::parse_date( $end );
		$from  = Jetonomy_Analytics_Dates::parse_date( $start );
		while ( $day <= $last ) {
			$month     = Jetonomy_Analytics_Dates::format_day( $day );
			$next      = Jetonomy_Analytics_Dates::parse_date( substr( Jetonomy_Analytics_Dates::format_day( $day + 31 ), 0, 8 ) . '01' );
			$lo        = max( $day, $from );
			$hi        = min( $next - 1, $last );
			$whole     = $lo === $day && $hi === $next - 1;
			$take_all  = $whole || 2 * ( $hi - $lo + 1 ) > $next - $day;
			if ( $take_all ) {
				$parts['months'] = array( $parts['months'][0] ?? $month, $month );
				if ( $lo > $day ) {
					$parts['minus'][] = array( $month, Jetonomy_Analytics_Dates::format_day( $lo - 1 ) );
				}
				if ( $hi < $next - 1 ) {
					$parts['minus'][] = array( Jetonomy_Analytics_Dates::format_day( $hi + 1 ), Jetonomy_Analytics_Dates::format_day( $next - 1 ) );
				}
			} else {
				$parts['plus'][] = array( Jetonomy_Analytics_Dates::format_day( $lo ), Jetonomy_Analytics_Dates::format_day( $hi ) );
			}
			$day = $next;
		}
		return $parts;
	}

	/**
	 * How many months from one month's first day to another's, both included.
	 *
	 * @param string $first First day of the first month.
	 * @param string $last  First day of the last month.
	 * @return int
	 */
	private static function months_between( $first, $last ) {
		return ( (int) substr( $last, 0, 4 ) - (int) substr( $first, 0, 4 ) ) * 12 + (int) substr( $last, 5, 2 ) - (int) substr( $first, 5, 2 ) + 1;
	}

	/**
	 * The prepared queries one path runs for a range (for EXPLAIN in benchmarks).
	 * Keys name the queries; values are complete SQL strings.
	 *
	 * @param string $path  'direct' or 'aggregate'.
	 * @param string $start Start date.
	 * @param string $end   End date.
	 * @return array<string, string>
	 */
	public static function queries( $path, $start, $end ) {
		global $wpdb;
		$t    = self::t();
		$prev = Jetonomy_Analytics_Dates::previous_range( $start, $end );
		$q    = array();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names from $wpdb->prefix only.
		if ( 'aggregate' === $path ) {
			$q['daily']             = $wpdb->prepare( "SELECT day, posts, replies, questions_asked, questions_resolved, upvotes, downvotes, accepted_answers, new_members, flags_raised, flags_open, automod FROM {$t['agg_daily']} WHERE day BETWEEN %s AND %s", $start, $end );
			/*
			 * Per member (sums) and distinct authors per space: months come
			 * from the month blocks and days from the day rows, each part
			 * grouped on its own and merged in aggregate_stats(). Member sums
			 * may also take days away (member_parts()); distinct authors
			 * cannot, so they read the whole months inside the range and the
			 * days around them (month_split()). From INDEX_ORDER_MONTHS
			 * months on, the month blocks are read along their by_member /
			 * by_space keys (one pass over the index in group order, no
			 * temporary table; MariaDB would read the month range of the
			 * primary key and group in a temporary table, 3x slower over a
			 * year at 1 M events: 38 against 130 ms); days are a range read
			 * of the day rows' primary key.
			 */
			$members = self::member_parts( $start, $end );
			$sum     = "SELECT member_id, SUM(posts) AS p, SUM(replies) AS r, SUM(accepted) AS a, SUM(votes) AS v FROM {$t['agg_member_day']} WHERE day BETWEEN %s AND %s GROUP BY member_id";
			foreach ( $members['plus'] as $i => $days ) {
				$q[ 'members_plus_' . $i ] = $wpdb->prepare( $sum, $days[0], $days[1] ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- $sum is a constant query with placeholders.
			}
			foreach ( $members['minus'] as $i => $days ) {
				$q[ 'members_minus_' . $i ] = $wpdb->prepare( $sum, $days[0], $days[1] ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- as above.
			}
			$months = $members['months'] ? self::months_between( $members['months'][0], $members['months'][1] ) : 0;
			if ( 1 === $months ) {
				// One month block holds one row per member: nothing to group.
				$q['members_months'] = $wpdb->prepare( "SELECT member_id, posts, replies, accepted, votes FROM {$t['agg_member_month']} WHERE month = %s", $members['months'][0] );
			} elseif ( $months > 1 ) {
				$by_member           = $months >= self::INDEX_ORDER_MONTHS ? ' FORCE INDEX (by_member)' : '';
				$q['members_months'] = $wpdb->prepare( "SELECT member_id, SUM(posts) AS p, SUM(replies) AS r, SUM(accepted) AS a, SUM(votes) AS v FROM {$t['agg_member_month']}$by_member WHERE month BETWEEN %s AND %s GROUP BY member_id", $members['months'][0], $members['months'][1] );
			}
			$parts    = self::month_split( $start, $end );
			$months   = $parts['months'] ? self::months_between( $parts['months'][0], $parts['months'][1] ) : 0;
			$by_space = $months >= self::INDEX_ORDER_MONTHS ? ' FORCE INDEX (by_space)' : '';
			$q['spaces'] = $wpdb->prepare( "SELECT space_id, SUM(posts) AS p, SUM(replies) AS r FROM {$t['agg_space_day']} WHERE day BETWEEN %s AND %s GROUP BY space_id", $start, $end );
			if ( ! $parts['months'] ) {
				$q['space_authors'] = $wpdb->prepare( "SELECT space_id, COUNT(DISTINCT author_id) AS n FROM {$t['agg_space_author_day']} WHERE day BETWEEN %s AND %s AND items > 0 GROUP BY space_id", $start, $end );
			} else {
				$q['space_authors_months'] = $wpdb->prepare( "SELECT space_id, COUNT(DISTINCT author_id) AS n FROM {$t['agg_space_author_month']}$by_space WHERE month BETWEEN %s AND %s AND items > 0 GROUP BY space_id", $parts['months'][0], $parts['months'][1] );
				/*
				 * Distinct authors do not add up across parts: the days around
				 * the months add only the authors the months do not have (an
				 * index look-up per author-day there; at 1 M events, a year,
				 * 34 + 52 ms against 124 ms for a DISTINCT over the union).
				 */
				$edges = array();
				$args  = array();
				foreach ( $parts['days'] as $days ) {
					$edges[] = 'd.day BETWEEN %s AND %s';
					$args[]  = $days[0];
					$args[]  = $days[1];
				}
				if ( $edges ) {
					$args[] = $parts['months'][0];
					$args[] = $parts['months'][1];
					// phpcs:ignore WordPress.DB.PreparedSQLPlaceholders -- one "BETWEEN %s AND %s" per edge, with its two arguments.
					$q['space_authors_days'] = $wpdb->prepare( "SELECT d.space_id, COUNT(DISTINCT d.author_id) AS n FROM {$t['agg_space_author_day']} d WHERE (" . implode( ' OR ', $edges ) . ") AND d.items > 0 AND NOT EXISTS (SELECT 1 FROM {$t['agg_space_author_month']} m WHERE m.space_id = d.space_id AND m.author_id = d.author_id AND m.month BETWEEN %s AND %s AND m.items > 0) GROUP BY d.space_id", $args );
				}
			}
			$q['responses']         = $wpdb->prepare( "SELECT response_ms FROM {$t['agg_flag_response']} WHERE raised_day BETWEEN %s AND %s", $start, $end );
			$q['previous_total']    = $wpdb->prepare( "SELECT COALESCE(SUM(posts + replies), 0) FROM {$t['agg_daily']} WHERE day BETWEEN %s AND %s", $prev['start'], $prev['end'] );
		} else {
			$q['daily']             = $wpdb->prepare( "SELECT created_day AS day, SUM(kind = 0) AS p, SUM(kind = 1) AS r FROM {$t['content']} WHERE status = 1 AND created_day BETWEEN %s AND %s GROUP BY created_day", $start, $end );
			// Per space over many days: along by_space, as for the rollups above (at 1 M events, 365 days: 200 ms against 900 ms).
			$long                   = Jetonomy_Analytics_Dates::parse_date( $end ) - Jetonomy_Analytics_Dates::parse_date( $start ) + 1 > self::LONG_RANGE_DAYS;
			$by_space               = $long ? ' FORCE INDEX (by_space)' : '';
			$q['spaces']            = $wpdb->prepare( "SELECT space_id, SUM(kind = 0) AS p, SUM(kind = 1) AS r, COUNT(DISTINCT author_id) AS n FROM {$t['content']}$by_space WHERE status = 1 AND created_day BETWEEN %s AND %s GROUP BY space_id", $start, $end );
			$q['authors']           = $wpdb->prepare( "SELECT author_id, SUM(kind = 0) AS p, SUM(kind = 1) AS r FROM {$t['content']} WHERE status = 1 AND created_day BETWEEN %s AND %s GROUP BY author_id", $start, $end );
			$q['questions']         = $wpdb->prepare( "SELECT COUNT(*) AS asked, COUNT(a.answer_id) AS resolved FROM {$t['content']} c JOIN {$t['spaces']} s ON s.id = c.space_id LEFT JOIN {$t['accepted']} a ON a.question_id = c.id WHERE c.status = 1 AND c.kind = 0 AND s.kind = 1 AND c.created_day BETWEEN %s AND %s", $start, $end );
			$q['votes']             = $wpdb->prepare( "SELECT COALESCE(SUM(value = 1), 0) AS up, COALESCE(SUM(value = -1), 0) AS down FROM {$t['votes']} WHERE cast_day BETWEEN %s AND %s AND is_cast = 1 AND is_retracted = 0", $start, $end );
			$q['active']            = $wpdb->prepare( "SELECT COUNT(*) FROM (SELECT author_id AS m FROM {$t['content']} WHERE status = 1 AND created_day BETWEEN %s AND %s UNION SELECT voter_id AS m FROM {$t['votes']} WHERE cast_day BETWEEN %s AND %s AND is_cast = 1 AND is_retracted = 0) x", $start, $end, $start, $end );
			$q['accepted']          = $wpdb->prepare( "SELECT ans.author_id, COUNT(*) AS n FROM {$t['accepted']} a JOIN {$t['content']} q ON q.id = a.question_id JOIN {$t['spaces']} s ON s.id = q.space_id JOIN {$t['content']} ans ON ans.id = a.answer_id WHERE a.accepted_day BETWEEN %s AND %s AND a.answer_id IS NOT NULL AND s.kind = 1 GROUP BY ans.author_id", $start, $end );
			$q['new_members']       = $wpdb->prepare( "SELECT COUNT(*) FROM {$t['members']} WHERE joined_day BETWEEN %s AND %s", $start, $end );
			$q['flags']             = $wpdb->prepare( "SELECT raised_at, resolved_at FROM {$t['flags']} WHERE raised_day BETWEEN %s AND %s", $start, $end );
			$q['automod']           = $wpdb->prepare( "SELECT COUNT(*) FROM {$t['automod']} WHERE day BETWEEN %s AND %s", $start, $end );
			$q['previous_total']    = $wpdb->prepare( "SELECT COUNT(*) FROM {$t['content']} WHERE status = 1 AND created_day BETWEEN %s AND %s", $prev['start'], $prev['end'] );
		}
		// phpcs:enable
		return $q;
	}

	/**
	 * One path's statistics for a range (cached for the request).
	 *
	 * @param string $path  Path.
	 * @param string $start Start.
	 * @param string $end   End.
	 * @return array
	 */
	public static function stats( $path, $start, $end ) {
		$key = $path . '|' . $start . '|' . $end;
		if ( ! isset( self::$cache[ $key ] ) ) {
			Jetonomy_Analytics_Aggregator::check_zone();
			self::$cache[ $key ] = 'aggregate' === $path ? self::aggregate_stats( $start, $end ) : self::direct_stats( $start, $end );
		}
		return self::$cache[ $key ];
	}

	/**
	 * Forgets cached statistics (after an ingest in the same request).
	 */
	public static function flush_cache() {
		self::$cache = array();
	}

	/**
	 * An empty statistics array for a range.
	 *
	 * @param string $start Start.
	 * @param string $end   End.
	 * @return array
	 */
	private static function blank( $start, $end ) {
		$daily = array();
		foreach ( Jetonomy_Analytics_Dates::dates_between( $start, $end ) as $d ) {
			$daily[ $d ] = array( 0, 0 );
		}
		return array(
			'daily'              => $daily,
			'active_members'     => 0,
			'spaces'             => array(),
			'contributors'       => array(),
			'upvotes'            => 0,
			'downvotes'          => 0,
			'accepted_answers'   => 0,
			'questions_asked'    => 0,
			'questions_resolved' => 0,
			'new_members'        => 0,
			'flags_raised'       => 0,
			'flags_open'         => 0,
			'automod'            => 0,
			'response_minutes'   => array(),
			'previous_total'     => 0,
		);
	}

	/**
	 * The direct path.
	 *
	 * @param string $start Start.
	 * @param string $end   End.
	 * @return array
	 */
	private static function direct_stats( $start, $end ) {
		global $wpdb;
		// phpcs:disable WordPress.DB -- every query below comes prepared from queries().
		$q     = self::queries( 'direct', $start, $end );
		$stats = self::blank( $start, $end );
		foreach ( $wpdb->get_results( $q['daily'], ARRAY_N ) as $r ) {
			$stats['daily'][ $r[0] ] = array( (int) $r[1], (int) $r[2] );
		}
		foreach ( $wpdb->get_results( $q['spaces'], ARRAY_N ) as $r ) {
			$stats['spaces'][] = array( (string) $r[0], (int) $r[1], (int) $r[2], (int) $r[3] );
		}
		$members = array();
		foreach ( $wpdb->get_results( $q['authors'], ARRAY_N ) as $r ) {
			$members[ (string) $r[0] ] = array( (int) $r[1], (int) $r[2], 0 );
		}
		foreach ( $wpdb->get_results( $q['accepted'], ARRAY_N ) as $r ) {
			$n                                 = (int) $r[1];
			$stats['accepted_answers']        += $n;
			$members[ (string) $r[0] ]       ??= array( 0, 0, 0 );
			$members[ (string) $r[0] ][2]     += $n;
		}
		foreach ( $members as $id => $m ) {
			$stats['contributors'][] = array( (string) $id, $m[0], $m[1], $m[2], $m[0] + $m[1] + $m[2] );
		}
		$row                           = $wpdb->get_row( $q['questions'], ARRAY_N );
		$stats['questions_asked']      = (int) $row[0];
		$stats['questions_resolved']   = (int) $row[1];
		$row                           = $wpdb->get_row( $q['votes'], ARRAY_N );
		$stats['upvotes']              = (int) $row[0];
		$stats['downvotes']            = (int) $row[1];
		$stats['active_members']       = (int) $wpdb->get_var( $q['active'] );
		$stats['new_members']          = (int) $wpdb->get_var( $q['new_members'] );
		foreach ( $wpdb->get_results( $q['flags'], ARRAY_N ) as $r ) {
			++$stats['flags_raised'];
			if ( null === $r[1] ) {
				++$stats['flags_open'];
			} else {
				$stats['response_minutes'][] = ( (int) $r[1] - (int) $r[0] ) / 60000;
			}
		}
		$stats['automod']        = (int) $wpdb->get_var( $q['automod'] );
		$stats['previous_total'] = (int) $wpdb->get_var( $q['previous_total'] );
		// phpcs:enable
		return $stats;
	}

	/**
	 * The aggregate path: rollups only (entity rows only for names, avatars and trust levels).
	 *
	 * @param string $start Start.
	 * @param string $end   End.
	 * @return array
	 */
	private static function aggregate_stats( $start, $end ) {
		global $wpdb;
		// phpcs:disable WordPress.DB -- every query below comes prepared from queries().
		$q     = self::queries( 'aggregate', $start, $end );
		$stats = self::blank( $start, $end );
		$map   = array(
			'upvotes'            => 5,
			'downvotes'          => 6,
			'accepted_answers'   => 7,
			'questions_asked'    => 3,
			'questions_resolved' => 4,
			'new_members'        => 8,
			'flags_raised'       => 9,
			'flags_open'         => 10,
			'automod'            => 11,
		);
		foreach ( $wpdb->get_results( $q['daily'], ARRAY_N ) as $r ) {
			$stats['daily'][ $r[0] ] = array( (int) $r[1], (int) $r[2] );
			foreach ( $map as $key => $i ) {
				$stats[ $key ] += (int) $r[ $i ];
			}
		}
		// Per member: the parts added up (whole months, days) and taken away (days outside the range).
		$members = array();
		foreach ( $q as $name => $sql ) {
			if ( 0 !== strpos( $name, 'members_' ) ) {
				continue;
			}
			$sign = 0 === strpos( $name, 'members_minus_' ) ? -1 : 1;
			foreach ( $wpdb->get_results( $sql, ARRAY_N ) as $r ) {
				$id = (string) $r[0];
				if ( isset( $members[ $id ] ) ) {
					$members[ $id ][0] += $sign * (int) $r[1];
					$members[ $id ][1] += $sign * (int) $r[2];
					$members[ $id ][2] += $sign * (int) $r[3];
					$members[ $id ][3] += $sign * (int) $r[4];
				} else {
					$members[ $id ] = array( $sign * (int) $r[1], $sign * (int) $r[2], $sign * (int) $r[3], $sign * (int) $r[4] );
				}
			}
		}
		foreach ( $members as $id => $m ) {
			list( $p, $c, $a, $v ) = $m;
			if ( $p + $c + $v > 0 ) {
				++$stats['active_members'];
			}
			if ( $p + $c + $a > 0 ) {
				$stats['contributors'][] = array( (string) $id, $p, $c, $a, $p + $c + $a );
			}
		}
		// Distinct authors per space: the parts count disjoint sets of authors (see queries()).
		$authors = array();
		foreach ( $q as $name => $sql ) {
			if ( 0 === strpos( $name, 'space_authors' ) ) {
				foreach ( $wpdb->get_results( $sql, ARRAY_N ) as $r ) {
					$authors[ (string) $r[0] ] = ( $authors[ (string) $r[0] ] ?? 0 ) + (int) $r[1];
				}
			}
		}
		foreach ( $wpdb->get_results( $q['spaces'], ARRAY_N ) as $r ) {
			if ( (int) $r[1] + (int) $r[2] > 0 ) {
				$stats['spaces'][] = array( (string) $r[0], (int) $r[1], (int) $r[2], $authors[ (string) $r[0] ] ?? 0 );
			}
		}
		foreach ( $wpdb->get_col( $q['responses'] ) as $ms ) {
			$stats['response_minutes'][] = (int) $ms / 60000;
		}
		$stats['previous_total'] = (int) $wpdb->get_var( $q['previous_total'] );
		// phpcs:enable
		return $stats;
	}

	/**
	 * Sort keys that order strings by JavaScript code units with a plain byte compare.
	 *
	 * @param string[] $texts Strings.
	 * @return string[]
	 */
	private static function sort_keys( array $texts ) {
		if ( preg_match( '/[\xf0-\xf4]/', implode( '', $texts ) ) ) {
			foreach ( $texts as $i => $text ) {
				$texts[ $i ] = mb_convert_encoding( $text, 'UTF-16BE', 'UTF-8' );
			}
		}
		return $texts;
	}

	/**
	 * The entries of a ranking at positions [offset, offset + limit): ranked
	 * by total descending, then display name, then id (both ascending, in
	 * JavaScript code-unit order).
	 *
	 * Only the entries whose total ties with the page's first or last total,
	 * or lies between them, can be on the page or decide its order, so only
	 * their names are read and only they are sorted: a report's top 10 of
	 * 12 000 contributors reads about 10 names, not 12 000 (at 1 M events
	 * that was most of a 365-day report's time).
	 *
	 * @param array    $entries Lists whose index 0 is the id and $total the total.
	 * @param int      $total   Index of the total in an entry.
	 * @param callable $names   Given ids, returns id => display name (ids missing from it rank by their id).
	 * @param int      $offset  Offset.
	 * @param int      $limit   Limit.
	 * @return array{0:array,1:array<string,mixed>} The page's entries in order, and what $names returned.
	 */
	private static function ranking_page( array $entries, $total, callable $names, $offset, $limit ) {
		$n = count( $entries );
		if ( $limit <= 0 || $offset >= $n ) {
			return array( array(), array() );
		}
		$totals = array_column( $entries, $total );
		rsort( $totals, SORT_NUMERIC );
		$last   = min( $n, $offset + $limit ) - 1;
		$high   = $totals[ $offset ];
		$low    = $totals[ $last ];
		$before = 0;
		while ( $before < $n && $totals[ $before ] > $high ) {
			++$before;
		}
		$candidates = array();
		foreach ( $entries as $entry ) {
			if ( $entry[ $total ] <= $high && $entry[ $total ] >= $low ) {
				$candidates[] = $entry;
			}
		}
		$ids   = array_map( 'strval', array_column( $candidates, 0 ) );
		$info  = $names( $ids );
		$keys  = array();
		$order = array_column( $candidates, $total );
		foreach ( $ids as $id ) {
			$keys[] = isset( $info[ $id ] ) ? $info[ $id ] : $id;
		}
		$name_keys = self::sort_keys( $keys );
		$id_keys   = self::sort_keys( $ids );
		array_multisort( $order, SORT_DESC, SORT_NUMERIC, $name_keys, SORT_ASC, SORT_STRING, $id_keys, SORT_ASC, SORT_STRING, $candidates );
		return array( array_slice( $candidates, $offset - $before, $last - $offset + 1 ), $info );
	}

	/**
	 * Rows of one of the plugin's entity tables by id, in chunks of 1 000 ids.
	 *
	 * @param string   $table   Short table name ('spaces' or 'members').
	 * @param string   $columns Columns to read, the id first.
	 * @param string[] $ids     Ids.
	 * @return array[] Rows as numeric arrays.
	 */
	private static function entity_rows( $table, $columns, array $ids ) {
		global $wpdb;
		$name = Jetonomy_Analytics_Schema::table( $table );
		$rows = array();
		foreach ( array_chunk( $ids, 1000 ) as $chunk ) {
			$sql  = $wpdb->prepare( "SELECT $columns FROM $name WHERE id IN (" . implode( ',', array_fill( 0, count( $chunk ), '%s' ) ) . ')', $chunk ); // phpcs:ignore WordPress.DB
			$rows = array_merge( $rows, $wpdb->get_results( $sql, ARRAY_N ) ); // phpcs:ignore WordPress.DB
		}
		return $rows;
	}

	/**
	 * Ranked space rows [offset, offset + limit).
	 *
	 * @param array $stats  Stats.
	 * @param int   $offset Offset.
	 * @param int   $limit  Limit.
	 * @return array
	 */
	public static function space_rows( array $stats, $offset, $limit ) {
		$entries = array();
		foreach ( $stats['spaces'] as $s ) {
			$entries[] = array( $s[0], $s[1], $s[2], $s[3], $s[1] + $s[2] );
		}
		list( $page, $names ) = self::ranking_page(
			$entries,
			4,
			static function ( array $ids ) {
				$names = array();
				foreach ( self::entity_rows( 'spaces', 'id, name', $ids ) as $r ) {
					$names[ (string) $r[0] ] = (string) $r[1];
				}
				return $names;
			},
			$offset,
			$limit
		);
		$rows = array();
		foreach ( $page as $i => $s ) {
			$rows[] = array(
				'rank'            => $offset + $i + 1,
				'space_id'        => (string) $s[0],
				'name'            => $names[ (string) $s[0] ] ?? (string) $s[0],
				'posts'           => $s[1],
				'replies'         => $s[2],
				'contributors'    => $s[3],
				'engagement_rate' => 0 === $s[1] ? null : $s[2] / $s[1],
			);
		}
		return $rows;
	}

	/**
	 * Ranked contributor rows [offset, offset + limit).
	 *
	 * @param array $stats  Stats.
	 * @param int   $offset Offset.
	 * @param int   $limit  Limit.
	 * @return array
	 */
	public static function contributor_rows( array $stats, $offset, $limit ) {
		$info                 = array();
		list( $page, $names ) = self::ranking_page(
			$stats['contributors'],
			4,
			static function ( array $ids ) use ( &$info ) {
				$names = array();
				foreach ( self::entity_rows( 'members', 'id, display_name, avatar_url, trust_level', $ids ) as $r ) {
					$names[ (string) $r[0] ] = (string) $r[1];
					$info[ (string) $r[0] ]  = array( $r[2], (int) $r[3] );
				}
				return $names;
			},
			$offset,
			$limit
		);
		$rows = array();
		foreach ( $page as $i => $c ) {
			$id  = (string) $c[0];
			$row = array(
				'rank'         => $offset + $i + 1,
				'member_id'    => $id,
				'display_name' => $names[ $id ] ?? $id,
			);
			$avatar = $info[ $id ][0] ?? null;
			if ( null !== $avatar && '' !== $avatar ) {
				$row['avatar_url'] = $avatar;
			}
			$row['trust_level']      = $info[ $id ][1] ?? 0;
			$row['posts']            = $c[1];
			$row['replies']          = $c[2];
			$row['accepted_answers'] = $c[3];
			$row['total']            = $c[4];
			$rows[]                  = $row;
		}
		return $rows;
	}

	/**
	 * Daily rows [offset, offset + limit).
	 *
	 * @param array $stats  Stats.
	 * @param int   $offset Offset.
	 * @param int   $limit  Limit.
	 * @return array
	 */
	public static function daily_rows( array $stats, $offset, $limit ) {
		$rows = array();
		foreach ( array_slice( $stats['daily'], $offset, $limit, true ) as $date => $d ) {
			$rows[] = array(
				'date'    => (string) $date,
				'posts'   => $d[0],
				'replies' => $d[1],
			);
		}
		return $rows;
	}

	/**
	 * Median (mean of the two middle values for an even count) and nearest-rank p90.
	 *
	 * @param array $minutes Values.
	 * @return array{0:float|int|null,1:float|int|null}
	 */
	public static function response_times( array $minutes ) {
		$n = count( $minutes );
		if ( 0 === $n ) {
			return array( null, null );
		}
		sort( $minutes, SORT_NUMERIC );
		$median = 1 === $n % 2 ? $minutes[ ( $n - 1 ) / 2 ] : ( $minutes[ $n / 2 - 1 ] + $minutes[ $n / 2 ] ) / 2;
		$p90    = $minutes[ (int) ceil( 0.9 * $n ) - 1 ];
		return array( $median, $p90 );
	}

	/**
	 * Whether the site has automod data ("Advanced Moderation" on).
	 *
	 * @return bool
	 */
	public static function automod_enabled() {
		/**
		 * Filters whether automod data exists; false makes auto_mod_triggers null.
		 *
		 * @param bool $enabled Default true.
		 */
		return (bool) apply_filters( 'jetonomy_analytics_automod_enabled', true );
	}

	/**
	 * The report (wire shape, snake_case).
	 *
	 * @param string $start Start.
	 * @param string $end   End.
	 * @param string $path  Path.
	 * @param int    $top_n Rows per ranked table.
	 * @return array
	 */
	public static function report( $start, $end, $path = 'direct', $top_n = 10 ) {
		$stats   = self::stats( $path, $start, $end );
		$posts   = 0;
		$replies = 0;
		foreach ( $stats['daily'] as $d ) {
			$posts   += $d[0];
			$replies += $d[1];
		}
		$current             = $posts + $replies;
		$prev                = $stats['previous_total'];
		list( $median, $p90 ) = self::response_times( $stats['response_minutes'] );
		$spaces              = self::space_rows( $stats, 0, $top_n );
		$contributors        = self::contributor_rows( $stats, 0, $top_n );
		return array(
			'range'            => array(
				'start' => $start,
				'end'   => $end,
			),
			'previous_range'   => Jetonomy_Analytics_Dates::previous_range( $start, $end ),
			'time_zone'        => Jetonomy_Analytics_Dates::site_zone_name(),
			'path'             => $path,
			'recording_since'  => Jetonomy_Analytics_Aggregator::since(),
			'overview'         => array(
				'total_posts'    => $posts,
				'total_replies'  => $replies,
				'active_members' => $stats['active_members'],
				'growth_rate'    => 0 === $prev ? null : ( ( $current - $prev ) / $prev ) * 100,
			),
			'daily'            => self::daily_rows( $stats, 0, PHP_INT_MAX ),
			'top_spaces'       => array(
				'total' => count( $stats['spaces'] ),
				'rows'  => $spaces,
			),
			'top_contributors' => array(
				'total' => count( $stats['contributors'] ),
				'rows'  => $contributors,
			),
			'engagement'       => array(
				'avg_replies_per_post' => 0 === $posts ? null : $replies / $posts,
				'upvotes'              => $stats['upvotes'],
				'downvotes'            => $stats['downvotes'],
				'accepted_answers'     => $stats['accepted_answers'],
				'questions_asked'      => $stats['questions_asked'],
				'questions_resolved'   => $stats['questions_resolved'],
				'accepted_answer_rate' => 0 === $stats['questions_asked'] ? null : $stats['questions_resolved'] / $stats['questions_asked'],
				'new_members'          => $stats['new_members'],
			),
			'moderation'       => array(
				'flags_raised'            => $stats['flags_raised'],
				'flags_open'              => $stats['flags_open'],
				'auto_mod_triggers'       => self::automod_enabled() ? $stats['automod'] : null,
				'median_response_minutes' => $median,
				'p90_response_minutes'    => $p90,
			),
		);
	}

	/**
	 * One page of a table: [ total, rows ].
	 *
	 * @param string $table    'daily', 'top-spaces' or 'top-contributors'.
	 * @param string $start    Start.
	 * @param string $end      End.
	 * @param string $path     Path.
	 * @param int    $offset   Offset.
	 * @param int    $limit    Limit.
	 * @return array{0:int,1:array}
	 */
	public static function rows( $table, $start, $end, $path, $offset, $limit ) {
		$stats = self::stats( $path, $start, $end );
		switch ( $table ) {
			case 'top-spaces':
				$rows = self::space_rows( $stats, $offset, $limit );
				$n    = count( $stats['spaces'] );
				break;
			case 'top-contributors':
				$rows = self::contributor_rows( $stats, $offset, $limit );
				$n    = count( $stats['contributors'] );
				break;
			default:
				$rows = self::daily_rows( $stats, $offset, $limit );
				$n    = count( $stats['daily'] );
		}
		return array( $n, $rows );
	}

	/**
	 * Drift in percent, rounded to 2 decimals half away from zero (diff.ts).
	 *
	 * @param int|float|null $direct     Direct value.
	 * @param int|float|null $aggregated Aggregated value.
	 * @return int|float|null
	 */
	public static function drift_pct( $direct, $aggregated ) {
		if ( null === $direct || null === $aggregated ) {
			return $direct === $aggregated ? 0 : null;
		}
		if ( 0 == $direct ) { // phpcs:ignore Universal.Operators.StrictComparisons -- int or float zero.
			return 0 == $aggregated ? 0 : null; // phpcs:ignore Universal.Operators.StrictComparisons
		}
		$hundredths = ( ( $aggregated - $direct ) * 10000 ) / $direct;
		$rounded    = floor( abs( $hundredths ) + 0.5 );
		$value      = ( $hundredths < 0 ? -$rounded : $rounded ) / 100;
		if ( 0.0 === (float) $value ) {
			return 0;
		}
		return floor( $value ) === $value ? (int) $value : $value;
	}

	/**
	 * The diff report.
	 *
	 * @param string $label The range as asked ("30d" or "start..end").
	 * @param string $start Start.
	 * @param string $end   End.
	 * @return array
	 */
	public static function diff_report( $label, $start, $end ) {
		$direct     = self::report( $start, $end, 'direct', 0 );
		$aggregated = self::report( $start, $end, 'aggregate', 0 );
		$metrics    = array();
		foreach ( self::DIFF_METRICS as $key => $where ) {
			$d         = $direct[ $where[0] ][ $where[1] ];
			$a         = $aggregated[ $where[0] ][ $where[1] ];
			$metrics[] = array(
				'key'        => $key,
				'direct'     => $d,
				'aggregated' => $a,
				'drift_pct'  => self::drift_pct( $d, $a ),
			);
		}
		return array(
			'range'   => $label,
			'metrics' => $metrics,
		);
	}
}

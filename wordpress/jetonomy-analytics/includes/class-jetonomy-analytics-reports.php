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
	 * Ranges longer than this many days group the rollups per member and per
	 * space along an index (see queries()).
	 */
	const LONG_RANGE_DAYS = 62;

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
			 * Per member and per space over many days, grouping in the order
			 * of the by_member / by_space keys (one pass over the index, no
			 * temporary table) beats reading the day range of the primary key
			 * and grouping in a temporary table: at 1 M events 147 ms against
			 * 380 ms for 365 days. Over a month the range read wins (81 ms
			 * against 100 ms), and MariaDB picks the range read whatever the
			 * length, hence the hint past LONG_RANGE_DAYS.
			 */
			$long                   = Jetonomy_Analytics_Dates::parse_date( $end ) - Jetonomy_Analytics_Dates::parse_date( $start ) + 1 > self::LONG_RANGE_DAYS;
			$by_member              = $long ? ' FORCE INDEX (by_member)' : '';
			$by_space               = $long ? ' FORCE INDEX (by_space)' : '';
			$q['members']           = $wpdb->prepare( "SELECT member_id, SUM(posts) AS p, SUM(replies) AS r, SUM(accepted) AS a, SUM(votes) AS v FROM {$t['agg_member_day']}$by_member WHERE day BETWEEN %s AND %s GROUP BY member_id", $start, $end );
			$q['spaces']            = $wpdb->prepare( "SELECT space_id, SUM(posts) AS p, SUM(replies) AS r FROM {$t['agg_space_day']} WHERE day BETWEEN %s AND %s GROUP BY space_id", $start, $end );
			$q['space_authors']     = $wpdb->prepare( "SELECT space_id, COUNT(DISTINCT author_id) AS n FROM {$t['agg_space_author_day']}$by_space WHERE day BETWEEN %s AND %s AND items > 0 GROUP BY space_id", $start, $end );
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
		foreach ( $wpdb->get_results( $q['members'], ARRAY_N ) as $r ) {
			$p = (int) $r[1];
			$c = (int) $r[2];
			$a = (int) $r[3];
			if ( $p + $c + (int) $r[4] > 0 ) {
				++$stats['active_members'];
			}
			if ( $p + $c + $a > 0 ) {
				$stats['contributors'][] = array( (string) $r[0], $p, $c, $a, $p + $c + $a );
			}
		}
		$authors = array();
		foreach ( $wpdb->get_results( $q['space_authors'], ARRAY_N ) as $r ) {
			$authors[ (string) $r[0] ] = (int) $r[1];
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
	 * Ranked space rows [offset, offset + limit).
	 *
	 * @param array $stats  Stats.
	 * @param int   $offset Offset.
	 * @param int   $limit  Limit.
	 * @return array
	 */
	public static function space_rows( array &$stats, $offset, $limit ) {
		global $wpdb;
		if ( ! isset( $stats['ranked_spaces'] ) ) {
			$spaces = $stats['spaces'];
			$names  = array();
			$ids    = array_column( $spaces, 0 );
			$table  = Jetonomy_Analytics_Schema::table( 'spaces' );
			foreach ( array_chunk( $ids, 1000 ) as $chunk ) {
				$sql = $wpdb->prepare( "SELECT id, name FROM $table WHERE id IN (" . implode( ',', array_fill( 0, count( $chunk ), '%s' ) ) . ')', $chunk ); // phpcs:ignore WordPress.DB
				foreach ( $wpdb->get_results( $sql, ARRAY_N ) as $r ) { // phpcs:ignore WordPress.DB
					$names[ (string) $r[0] ] = (string) $r[1];
				}
			}
			$totals = array();
			$keys   = array();
			foreach ( $spaces as $i => $s ) {
				$spaces[ $i ][4] = $names[ $s[0] ] ?? $s[0];
				$totals[]        = $s[1] + $s[2];
				$keys[]          = $spaces[ $i ][4];
			}
			if ( $spaces ) {
				$name_keys = self::sort_keys( $keys );
				$id_keys   = self::sort_keys( $ids );
				array_multisort( $totals, SORT_DESC, SORT_NUMERIC, $name_keys, SORT_ASC, SORT_STRING, $id_keys, SORT_ASC, SORT_STRING, $spaces );
			}
			$stats['ranked_spaces'] = $spaces;
		}
		$rows = array();
		$all  = $stats['ranked_spaces'];
		$stop = min( count( $all ), $offset + $limit );
		for ( $i = $offset; $i < $stop; $i++ ) {
			$s      = $all[ $i ];
			$rows[] = array(
				'rank'            => $i + 1,
				'space_id'        => (string) $s[0],
				'name'            => $s[4],
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
	public static function contributor_rows( array &$stats, $offset, $limit ) {
		global $wpdb;
		if ( ! isset( $stats['ranked_contributors'] ) ) {
			$list  = $stats['contributors'];
			$info  = array();
			$ids   = array_column( $list, 0 );
			$table = Jetonomy_Analytics_Schema::table( 'members' );
			foreach ( array_chunk( $ids, 1000 ) as $chunk ) {
				$sql = $wpdb->prepare( "SELECT id, display_name, avatar_url, trust_level FROM $table WHERE id IN (" . implode( ',', array_fill( 0, count( $chunk ), '%s' ) ) . ')', $chunk ); // phpcs:ignore WordPress.DB
				foreach ( $wpdb->get_results( $sql, ARRAY_N ) as $r ) { // phpcs:ignore WordPress.DB
					$info[ (string) $r[0] ] = array( (string) $r[1], $r[2], (int) $r[3] );
				}
			}
			$totals = array();
			$names  = array();
			foreach ( $list as $i => $c ) {
				$list[ $i ][5] = $info[ $c[0] ] ?? array( $c[0], null, 0 );
				$totals[]      = $c[4];
				$names[]       = $list[ $i ][5][0];
			}
			if ( $list ) {
				$name_keys = self::sort_keys( $names );
				$id_keys   = self::sort_keys( $ids );
				array_multisort( $totals, SORT_DESC, SORT_NUMERIC, $name_keys, SORT_ASC, SORT_STRING, $id_keys, SORT_ASC, SORT_STRING, $list );
			}
			$stats['ranked_contributors'] = $list;
		}
		$rows = array();
		$all  = $stats['ranked_contributors'];
		$stop = min( count( $all ), $offset + $limit );
		for ( $i = $offset; $i < $stop; $i++ ) {
			$c   = $all[ $i ];
			$row = array(
				'rank'         => $i + 1,
				'member_id'    => (string) $c[0],
				'display_name' => $c[5][0],
			);
			if ( null !== $c[5][1] && '' !== $c[5][1] ) {
				$row['avatar_url'] = $c[5][1];
			}
			$row['trust_level']      = $c[5][2];
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
		self::$cache[ $path . '|' . $start . '|' . $end ] = $stats;
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
		self::$cache[ $path . '|' . $start . '|' . $end ] = $stats;
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
